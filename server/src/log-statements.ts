/**
 * Turning verified wire statements into stored ones, and the vault genesis check shared by
 * registration and vault creation.
 */
import { applyControlLog, statementWireHash, type StatementWire } from '@carekey/protocol';
import type { NewVault, StoredStatement } from './store/types.ts';

/**
 * Numbers verified statements from `firstSeq` and attaches their hashes. Only for statements
 * a log verifier has just accepted in this order, so the numbering is theirs.
 */
export function toStored(statements: readonly StatementWire[], firstSeq: number): StoredStatement[] {
  return statements.map((statement, i) => ({ seq: firstSeq + i, hash: statementWireHash(statement), statement }));
}

/**
 * Verifies a new vault's control log (genesis `vault-created` signed by the owner's identity
 * key, naming the owner) and describes the vault to store.
 *
 * @throws IntegrityError
 */
export function verifyNewVault(
  vault: string,
  log: readonly StatementWire[],
  owner: { readonly account: string; readonly identityKey: Uint8Array },
  created: number,
): NewVault {
  const state = applyControlLog(null, vault, owner, log);
  return { vault, owner: state.owner, collections: [...state.collections.values()], log: toStored(log, 1), created };
}
