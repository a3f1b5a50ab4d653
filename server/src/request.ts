/**
 * Reading requests: the JSON body and the route parameters, each checked with the protocol's
 * schemas so nothing unvalidated reaches a handler.
 */
import type { Context } from 'hono';
import { AccountId, CarekeyError, HexId, parseWith } from '@carekey/protocol';

/**
 * The request body as JSON, not yet validated.
 *
 * @throws CarekeyError `bad-request` when it is not JSON
 */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json<unknown>();
  } catch (error) {
    if (error instanceof SyntaxError) throw new CarekeyError('bad-request', 'the request body is not JSON', { cause: error });
    throw error;
  }
}

/** The `:account` route parameter, validated. @throws CarekeyError `bad-request` */
export function accountParam(c: Context): string {
  return parseWith(AccountId, c.req.param('account'));
}

/** The `:vault` route parameter, validated. @throws CarekeyError `bad-request` */
export function vaultParam(c: Context): string {
  return parseWith(HexId, c.req.param('vault'));
}

/** The `:grant` route parameter, validated. @throws CarekeyError `bad-request` */
export function grantParam(c: Context): string {
  return parseWith(HexId, c.req.param('grant'));
}
