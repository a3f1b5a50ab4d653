import * as v from 'valibot';
import { CarekeyError, type ErrorCode } from './errors.ts';

/**
 * Parses `value` with a schema, raising {@link CarekeyError} (`bad-request` by default) with the
 * first issue's path and message. Both ends use it: the relay on requests, the client on
 * responses (with `relay-error`).
 */
export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown, code: ErrorCode = 'bad-request'): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  throw new CarekeyError(code, `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`);
}
