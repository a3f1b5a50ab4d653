/**
 * Every failure the relay answers has one shape, `{ "error": { "code", "message" } }`, with
 * the HTTP status the protocol assigns to the code (`ERROR_STATUS`), so clients map codes, not
 * statuses or prose, to what a person reads (STYLE habit 7).
 *
 * - `CarekeyError` → its code (with `Retry-After` for `rate-limited`, and `triesLeft` in the
 *   body for `wrong-passcode`);
 * - `IntegrityError` from @carekey/crypto (a bad signature, a malformed envelope) → `integrity`;
 * - `FormatError` / `WeakKdfParametersError` (malformed base64, weak KDF parameters) → `bad-request`;
 * - anything else is a bug or an outage → 500 `internal` with a generic message, logged with
 *   the method and path only — never the request body, which may hold tokens or ciphertext.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { FormatError, IntegrityError, WeakKdfParametersError } from '@carekey/crypto';
import { CarekeyError, ERROR_STATUS, type ApiErrorBody, type ErrorCode } from '@carekey/protocol';
import type { RelayEnv, RelayLogger } from '../context.ts';

/** Answers an error code with its status and the protocol's error body. */
export function errorResponse(c: Context, code: ErrorCode, message: string, triesLeft?: number): Response {
  const body: ApiErrorBody = { error: { code, message, ...(triesLeft === undefined ? {} : { triesLeft }) } };
  return c.json(body, ERROR_STATUS[code]);
}

/** What a thrown value means to a caller, or null when it is a bug. */
function expected(error: unknown): CarekeyError | null {
  if (error instanceof CarekeyError) return error;
  if (error instanceof IntegrityError) return new CarekeyError('integrity', error.message, { cause: error });
  if (error instanceof FormatError || error instanceof WeakKdfParametersError) {
    return new CarekeyError('bad-request', error.message, { cause: error });
  }
  return null;
}

/**
 * The app's `onError`.
 *
 * @example
 * app.onError(relayErrorHandler(logger));
 */
export function relayErrorHandler(logger: RelayLogger): ErrorHandler<RelayEnv> {
  return (error, c) => {
    const known = expected(error);
    if (known) {
      if (known.retryAfter !== undefined) c.header('Retry-After', String(known.retryAfter));
      return errorResponse(c, known.code, known.message, known.triesLeft);
    }
    logger.error('request failed', { method: c.req.method, path: c.req.path, error });
    return errorResponse(c, 'internal', 'the relay failed to handle this request');
  };
}

/** The app's `notFound`: an unknown route is `not-found`. */
export const relayNotFound: NotFoundHandler<RelayEnv> = (c) => errorResponse(c, 'not-found', `no route for ${c.req.method} ${c.req.path}`);
