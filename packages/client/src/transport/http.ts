/**
 * The relay's HTTP API (packages/protocol/src/api.ts) as typed calls. Responses are validated
 * with the protocol schemas; failures become {@link CarekeyError}s:
 * - the relay cannot be reached (network error, timeout, a gateway saying it is down) → `offline`;
 * - the relay answers an error body → that body's code;
 * - the relay answers something this client does not understand → `relay-error`.
 */
import * as v from 'valibot';
import { API_PREFIX, CarekeyError, api, isErrorCode, parseWith, type StatementWire } from '@carekey/protocol';

/** The subset of `fetch` the transport needs; tests pass the relay app's in-process handler. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** The relay's base URL, e.g. `https://relay.example` (no trailing `/v1`). */
  readonly baseUrl: string;
  readonly fetch?: FetchLike;
  /** Per-request timeout (default 20 s). */
  readonly timeoutMs?: number;
}

type Schema = v.GenericSchema;

/**
 * @example
 * const relay = new HttpTransport({ baseUrl: 'http://localhost:8080' });
 * const { slots } = await relay.getSlots(accountId);
 */
export class HttpTransport {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;

  constructor(options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 20_000;
  }

  async #call<S extends Schema>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    options: { body?: unknown; token?: string | undefined } = {},
  ): Promise<v.InferOutput<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      throw new CarekeyError('offline', `the relay at ${this.baseUrl} cannot be reached`, { cause });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      if (!response.ok && [502, 503, 504].includes(response.status)) {
        throw new CarekeyError('offline', `the relay at ${this.baseUrl} is unavailable (${response.status})`, { cause });
      }
      throw new CarekeyError('relay-error', `the relay answered ${response.status} without JSON`, { cause });
    }
    if (!response.ok) throw refusal(response, body);
    return parseWith(schema, body, 'relay-error');
  }

  /**
   * Opens the realtime channel of a vault (`GET /v1/vaults/:vault/events`): the response's
   * body, a stream of server-sent events, once the relay has accepted. It stays open until
   * `signal` aborts or the relay ends it; only waiting for the relay to answer is timed out.
   *
   * @throws CarekeyError as for every call (`offline`, `forbidden`, `access-ended`, `rate-limited`, …)
   */
  async openEvents(vault: string, token: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const connecting = new AbortController();
    const abort = () => connecting.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => connecting.abort(new Error('timed out')), this.#timeoutMs);
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${API_PREFIX}/vaults/${vault}/events`, {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        signal: connecting.signal,
      });
    } catch (cause) {
      signal.removeEventListener('abort', abort);
      throw new CarekeyError('offline', `the relay at ${this.baseUrl} cannot be reached`, { cause });
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok || !response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      signal.removeEventListener('abort', abort);
      let body: unknown;
      try {
        body = await response.json();
      } catch (cause) {
        throw new CarekeyError(
          [502, 503, 504].includes(response.status) ? 'offline' : 'relay-error',
          `the relay answered ${response.status}`,
          {
            cause,
          },
        );
      }
      throw refusal(response, body);
    }
    return response.body;
  }

  health() {
    return this.#call('GET', '/healthz', api.HealthResponse);
  }

  register(request: api.RegisterRequest) {
    return this.#call('POST', `${API_PREFIX}/accounts`, api.RegisterResponse, { body: request });
  }

  getSlots(account: string) {
    return this.#call('GET', `${API_PREFIX}/accounts/${encodeURIComponent(account)}/slots`, api.SlotsResponse);
  }

  challenge(account: string) {
    return this.#call('POST', `${API_PREFIX}/auth/challenge`, api.ChallengeResponse, { body: { account } });
  }

  session(login: StatementWire) {
    return this.#call('POST', `${API_PREFIX}/auth/session`, api.SessionResponse, { body: { login } });
  }

  getAccount(account: string, token: string) {
    return this.#call('GET', `${API_PREFIX}/accounts/${encodeURIComponent(account)}`, api.AccountResponse, { token });
  }

  appendDevices(account: string, statements: readonly StatementWire[], token: string) {
    return this.#call('POST', `${API_PREFIX}/accounts/${encodeURIComponent(account)}/devices`, api.AppendDevicesResponse, {
      body: { statements },
      token,
    });
  }

  getItems(account: string, token: string) {
    return this.#call('GET', `${API_PREFIX}/accounts/${encodeURIComponent(account)}/items`, api.ItemsResponse, { token });
  }

  appendItems(account: string, items: readonly api.AccountItemWire[], token: string) {
    return this.#call('POST', `${API_PREFIX}/accounts/${encodeURIComponent(account)}/items`, api.OkResponse, { body: { items }, token });
  }

  getLog(vault: string, after: number, token: string) {
    return this.#call('GET', `${API_PREFIX}/vaults/${vault}/log?after=${after}`, api.LogResponse, { token });
  }

  appendLog(vault: string, request: v.InferInput<typeof api.AppendLogRequest>, token: string) {
    return this.#call('POST', `${API_PREFIX}/vaults/${vault}/log`, api.AppendLogResponse, { body: request, token });
  }

  getPackages(vault: string, token: string) {
    return this.#call('GET', `${API_PREFIX}/vaults/${vault}/packages`, api.PackagesResponse, { token });
  }

  getShared(token: string) {
    return this.#call('GET', `${API_PREFIX}/shared`, api.SharedResponse, { token });
  }

  getEmergency(vault: string, token: string) {
    return this.#call('GET', `${API_PREFIX}/vaults/${vault}/emergency`, api.EmergencyListResponse, { token });
  }

  requestEmergency(vault: string, grant: string, token: string) {
    return this.#call('POST', `${API_PREFIX}/vaults/${vault}/emergency/${grant}/request`, api.EmergencyResponse, { body: {}, token });
  }

  refuseEmergency(vault: string, grant: string, token: string) {
    return this.#call('POST', `${API_PREFIX}/vaults/${vault}/emergency/${grant}/refuse`, api.EmergencyResponse, { body: {}, token });
  }

  getAccessLog(vault: string, token: string) {
    return this.#call('GET', `${API_PREFIX}/vaults/${vault}/access-log`, api.AccessLogResponse, { token });
  }

  appendEnvelopes(vault: string, envelopes: readonly string[], token: string) {
    return this.#call('POST', `${API_PREFIX}/vaults/${vault}/envelopes`, api.AppendEnvelopesResponse, { body: { envelopes }, token });
  }

  pullEnvelopes(vault: string, after: string, limit: number, token: string) {
    return this.#call('GET', `${API_PREFIX}/vaults/${vault}/envelopes?after=${after}&limit=${limit}`, api.PullResponse, { token });
  }

  removeReplaced(vault: string, replaced: api.RemoveReplacedRequest['replaced'], token: string) {
    return this.#call('POST', `${API_PREFIX}/vaults/${vault}/envelopes/replaced`, api.RemoveReplacedResponse, {
      body: { replaced },
      token,
    });
  }

  createLink(request: api.CreateLinkRequest, token: string) {
    return this.#call('POST', `${API_PREFIX}/links`, api.CreateLinkResponse, { body: request, token });
  }

  listLinks(token: string) {
    return this.#call('GET', `${API_PREFIX}/links`, api.LinksResponse, { token });
  }

  revokeLink(link: string, token: string) {
    return this.#call('POST', `${API_PREFIX}/links/${encodeURIComponent(link)}/revoke`, api.OkResponse, { body: {}, token });
  }

  /** Opens a share link; needs no session. `auth` is hex of p for a passcode link. */
  openLink(link: string, auth?: string) {
    return this.#call('POST', `${API_PREFIX}/links/${encodeURIComponent(link)}/open`, api.OpenLinkResponse, {
      body: auth === undefined ? {} : { auth },
    });
  }
}

/** The error an answer that is not OK stands for: the relay's own code when it gave one. */
function refusal(response: Response, body: unknown): CarekeyError {
  const error = v.safeParse(api.ApiErrorSchema, body);
  if (!response.ok && error.success && isErrorCode(error.output.error.code)) {
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    const { triesLeft } = error.output.error;
    return new CarekeyError(error.output.error.code, error.output.error.message, {
      ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
      ...(triesLeft === undefined ? {} : { triesLeft }),
    });
  }
  return new CarekeyError([502, 503, 504].includes(response.status) ? 'offline' : 'relay-error', `the relay answered ${response.status}`);
}

/** The relay calls the client makes: an {@link HttpTransport} or anything shaped like it. */
export type RelayTransport = Pick<HttpTransport, Exclude<keyof HttpTransport, 'baseUrl'>> & { readonly baseUrl: string };
