/**
 * @carekey/protocol — wire formats shared by the client and the relay (DESIGN §2, §5).
 */
export * from './errors.ts';
export * from './limits.ts';
export * from './wire.ts';
export * from './statements.ts';
export * from './envelope-index.ts';
export * from './grants.ts';
export * as api from './api.ts';
export { parseWith } from './parse.ts';
