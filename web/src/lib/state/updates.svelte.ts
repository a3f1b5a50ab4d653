/**
 * New versions of the app: the service worker installs a new version in the background and it
 * waits; the app says "A new version of Carekey is ready" and runs it only when the person
 * chooses (DESIGN §4 "Who serves the code"). workbox-window drives this.
 */
import type { Workbox } from 'workbox-window';

export class UpdateState {
  /** A new version is installed and waiting for the person's go-ahead. */
  available = $state(false);
  /** The service worker controls the page: the app opens offline. */
  offlineReady = $state(false);
  #wb: Workbox | undefined;

  async register(): Promise<void> {
    if (!('serviceWorker' in navigator) || this.#wb) return;
    const { Workbox } = await import('workbox-window');
    const wb = new Workbox('/service-worker.js', { type: 'module' });
    this.#wb = wb;
    wb.addEventListener('waiting', () => (this.available = true));
    wb.addEventListener('activated', () => (this.offlineReady = true));
    await wb.register();
    if (navigator.serviceWorker.controller) this.offlineReady = true;
    // Look for a new version whenever the app comes back to the foreground.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void wb.update();
    });
  }

  /** Asks the service worker for a new version now. */
  async check(): Promise<void> {
    await this.#wb?.update();
  }

  /** Runs the waiting version: the page reloads into it. */
  apply(): void {
    const wb = this.#wb;
    if (!wb) return;
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  }
}

export const updates = new UpdateState();
