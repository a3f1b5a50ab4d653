/**
 * Emergency contacts' requests, on the patient's side (DESIGN §4 "Grants"): someone the patient
 * named as an emergency contact can ask for access at any time; the patient's phones learn of it
 * at once while Carekey is open (the realtime channel, realtime.svelte.ts, refreshes this), or
 * when it next opens, and can refuse before the waiting period ends.
 * Runes state over the client (STYLE habit 11); the alert component only renders it.
 */
import { CarekeyError, type EmergencyRequestView } from '@carekey/client';
import { carekey } from './carekey.svelte.ts';

export class EmergencyRequestsState {
  /** Requests waiting or released, as the relay last said. */
  requests = $state.raw<readonly EmergencyRequestView[]>([]);
  /** What the patient just did, to say once ("You refused Sam's emergency access"). */
  done = $state<string | null>(null);

  constructor() {
    carekey.whenLocked(() => {
      this.requests = [];
      this.done = null;
    });
  }

  /** The requests someone has made that are still waiting, or have opened. */
  get active(): readonly EmergencyRequestView[] {
    return this.requests.filter((r) => r.state !== 'idle');
  }

  /**
   * Asks the relay where the requests stand. Offline (or any expected refusal) says nothing:
   * the last answer stays, and the next open asks again.
   */
  async refresh(): Promise<void> {
    try {
      this.requests = await carekey.unlockedClient().emergencyRequests();
    } catch (error) {
      if (!(error instanceof CarekeyError)) throw error;
    }
  }

  /**
   * Refuses a waiting request: nothing opens, and they would have to ask (and wait) again.
   *
   * @throws CarekeyError `conflict` (nothing was waiting), `offline`
   */
  async refuse(request: EmergencyRequestView): Promise<void> {
    this.done = null;
    try {
      await carekey.unlockedClient().refuseEmergency(request.grantId);
      this.done = `You refused ${request.name}'s emergency access. Nothing was opened.`;
    } finally {
      await this.refresh();
    }
  }
}

export const emergencyRequests = new EmergencyRequestsState();
