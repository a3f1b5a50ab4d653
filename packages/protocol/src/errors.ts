/**
 * The one union of expected outcomes (STYLE habit 7). The relay answers them as
 * `{ "error": { "code", "message" } }` with the HTTP status below; the client raises them as
 * {@link CarekeyError}; the app and the CLI map each code to plain words. Bugs are not in here:
 * they throw ordinary errors.
 */

export const ERROR_STATUS = {
  // Requests the relay refuses.
  'bad-request': 400,
  'unsupported-version': 400,
  integrity: 400,
  unauthorized: 401,
  'session-expired': 401,
  'challenge-expired': 401,
  forbidden: 403,
  'unknown-device': 403,
  'not-found': 404,
  conflict: 409,
  'account-exists': 409,
  'payload-too-large': 413,
  'batch-too-large': 413,
  'envelope-too-large': 413,
  'rate-limited': 429,
  // Share links: the link has passed its expiry; it was revoked or died after too many wrong
  // passcodes; the passcode is wrong (with the tries left) or was not given.
  'link-expired': 410,
  'link-revoked': 410,
  'wrong-passcode': 401,
  'passcode-required': 401,
  // Grants: the caller's grants to this vault were all revoked or have passed their end.
  'access-ended': 403,
  internal: 500,
  // Outcomes only a client sees.
  'wrong-secret': 401,
  'weak-kdf-parameters': 400,
  'bad-format': 400,
  offline: 503,
  'relay-error': 502,
  'not-unlocked': 401,
  'no-account': 404,
  'storage-full': 507,
  'storage-denied': 507,
  'different-patient': 409,
  'bad-file': 400,
  'bad-link': 400,
  'bad-expiry': 400,
  // Grants: the account's keys do not match the fingerprint compared; the record's owner has
  // not been verified; the category is not among those granted.
  'fingerprint-mismatch': 409,
  'not-granted': 403,
  // Writing into a shared record whose owner's safety number was not compared.
  'not-verified': 403,
  // An emergency grant not released yet: asked and waiting, or not asked.
  'emergency-waiting': 403,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** True when `value` is one of the protocol's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/**
 * How the relay's 409 `conflict` begins when it refuses a `grant-revoked` whose `written` leaves
 * out an envelope it holds from the revoked writer's devices (docs/protocol.md §5.2): the
 * revoking device has not seen everything the writer sent, so it pulls, builds the revocation
 * again and retries. Stable: clients tell it from "the control log moved" by this prefix, and
 * an older client still reads it as an ordinary `conflict`.
 */
export const UNLISTED_WRITES = 'unlisted-writes:';

/** True for the relay's refusal of a revocation that does not list every envelope of its writer. */
export function isUnlistedWrites(error: unknown): boolean {
  return error instanceof CarekeyError && error.code === 'conflict' && error.message.startsWith(UNLISTED_WRITES);
}

/**
 * How the relay's 409 `conflict` begins when it refuses a grantee's envelope append because the
 * record's owner (or a co-owner) is stopping their access to this vault: a revocation of theirs
 * was refused for leaving out an envelope they had sent, and until the revocation goes through
 * (or the hold ends, `WRITE_HOLD_MS`) the relay takes nothing more from them there
 * (docs/protocol.md §5.2). Nothing of the batch is stored; the writer still has what they wrote.
 */
export const WRITE_HELD = 'write-held:';

/** The relay's whole message for a write refused under a write hold. */
export const WRITE_HELD_MESSAGE = `${WRITE_HELD} the record's owner is changing your access; nothing was added`;

/** True for the relay's refusal of a grantee's write while their access is being stopped. */
export function isWriteHeld(error: unknown): boolean {
  return error instanceof CarekeyError && error.code === 'conflict' && error.message.startsWith(WRITE_HELD);
}

/** The body of every error response. */
export interface ApiErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly triesLeft?: number };
}

/**
 * An expected failure with a code from {@link ErrorCode}. Messages are for logs and developers;
 * what a person reads comes from the code. Never carries plaintext health data or keys.
 *
 * @example
 * throw new CarekeyError('batch-too-large', 'at most 256 envelopes per batch');
 */
export class CarekeyError extends Error {
  readonly code: ErrorCode;
  /** For `rate-limited`: seconds until a retry may succeed. */
  readonly retryAfter: number | undefined;
  /** For `wrong-passcode`: how many more wrong passcodes the link survives. */
  readonly triesLeft: number | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryAfter?: number; triesLeft?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CarekeyError';
    this.code = code;
    this.retryAfter = options?.retryAfter;
    this.triesLeft = options?.triesLeft;
  }

  /** The HTTP status the relay answers this error with. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
