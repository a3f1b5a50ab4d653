/**
 * A logged-in conversation with the relay. Logging in signs the relay's challenge, bound to the
 * relay origin this client was configured with (never the origin the relay claims), so a
 * signature made for one relay cannot be replayed at another. Expired sessions are renewed
 * transparently, once per call.
 */
import { signLogin, type LoginPayload } from '@carekey/protocol';
import { CarekeyError } from '@carekey/protocol';
import type { RelayTransport } from './transport/http.ts';
import type { Clock } from './clock.ts';

export interface LoginSigner {
  readonly account: string;
  /** A device ID (hex), or `auth` for the account auth key. */
  readonly device: string;
  readonly secretKey: Uint8Array;
}

export class RelaySession {
  readonly #transport: RelayTransport;
  readonly #clock: Clock;
  #signer: LoginSigner;
  #token: { value: string; expiresAt: number } | undefined;

  constructor(transport: RelayTransport, signer: LoginSigner, clock: Clock, token?: { value: string; expiresAt: number }) {
    this.#transport = transport;
    this.#signer = signer;
    this.#clock = clock;
    this.#token = token;
  }

  /** The relay origin bound into login signatures. */
  get origin(): string {
    return new URL(this.#transport.baseUrl).origin;
  }

  /** Logs in now (challenge, signature, session token). */
  async logIn(): Promise<string> {
    const { challenge } = await this.#transport.challenge(this.#signer.account);
    const payload: LoginPayload = {
      v: 1,
      origin: this.origin,
      account: this.#signer.account,
      device: this.#signer.device,
      challenge,
      time: this.#clock.now(),
    };
    const session = await this.#transport.session(signLogin(payload, this.#signer.secretKey));
    this.#token = { value: session.token, expiresAt: session.expiresAt };
    return session.token;
  }

  /** Runs a call with a valid token, logging in (again) when needed. */
  async call<T>(run: (token: string) => Promise<T>): Promise<T> {
    const current = this.#token && this.#token.expiresAt - 30_000 > this.#clock.now() ? this.#token.value : await this.logIn();
    try {
      return await run(current);
    } catch (error) {
      if (error instanceof CarekeyError && (error.code === 'session-expired' || error.code === 'unauthorized')) {
        return run(await this.logIn());
      }
      throw error;
    }
  }

  /** Forgets the token (on lock). */
  end(): void {
    this.#token = undefined;
  }
}
