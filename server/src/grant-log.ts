/**
 * What the relay derives from a verified control-log append (DESIGN §4 "Grants", "Revocation
 * and expiry", "Transparency"): the grants it enforces, the key packages it keeps for the
 * grantees, and the access-log events of grants issued and revoked.
 *
 * Key packages count only when their hashes appear in an owner-signed statement, so the relay
 * stores exactly the packages the new statements list — each under the grant it is listed
 * for, each listed one present once — and refuses the append otherwise. The relay cannot
 * open a package; it only checks the hash the owner signed.
 */
import * as v from 'valibot';
import { FormatError, fromBase64Url } from '@carekey/crypto';
import {
  CarekeyError,
  ControlStatement,
  grantPackageHash,
  peekStatement,
  type ControlLogState,
  type StatementWire,
  type api,
} from '@carekey/protocol';
import type { AccessEventRecord, GrantRecord, KeyPackageRecord } from './store/types.ts';

/**
 * The payloads of statements a control-log verifier has just accepted.
 *
 * @throws Error when one does not parse: the verifier accepted it, so that is a bug
 */
export function verifiedStatements(statements: readonly StatementWire[]): ControlStatement[] {
  return statements.map((s) => v.parse(ControlStatement, peekStatement(s)));
}

/** The key-package hashes the statements list, by grant. */
function listedPackages(statements: readonly ControlStatement[]): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>();
  const list = (grant: string, hashes: readonly string[]) => {
    const set = listed.get(grant) ?? new Set<string>();
    for (const hash of hashes) set.add(hash);
    listed.set(grant, set);
  };
  for (const s of statements) {
    if (s.type === 'grant-issued') list(s.grant.grant, s.grant.packages);
    if (s.type === 'grant-revoked') {
      for (const p of s.packages) list(p.grant, p.hashes);
      // Roots a co-owner sealed to the owner are kept under the vault's own ID.
      if (s.owner) list(s.vault, s.owner);
    }
  }
  return listed;
}

/**
 * Checks the key packages of an append against what its (verified) statements list, and
 * describes them to store.
 *
 * @throws CarekeyError `integrity` for a package whose hash the statements do not list for its
 *   grant; `bad-request` for a package sent twice, one that is not base64url, or a listed hash
 *   with no package
 */
export function admitKeyPackages(statements: readonly ControlStatement[], packages: readonly api.KeyPackageWire[]): KeyPackageRecord[] {
  const listed = listedPackages(statements);
  const seen = new Set<string>();
  const admitted = packages.map((p, i): KeyPackageRecord => {
    let data: Uint8Array;
    try {
      data = fromBase64Url(p.data, `package ${i}`);
    } catch (error) {
      if (error instanceof FormatError) throw new CarekeyError('bad-request', error.message, { cause: error });
      throw error;
    }
    const hash = grantPackageHash(p.data);
    if (!listed.get(p.grant)?.has(hash)) {
      throw new CarekeyError('integrity', `key package ${i} is not listed for grant ${p.grant} in the statements appended with it`);
    }
    const key = `${p.grant} ${hash}`;
    if (seen.has(key)) throw new CarekeyError('bad-request', `key package ${i} is sent twice`);
    seen.add(key);
    return { grant: p.grant, hash, data };
  });
  for (const [grant, hashes] of listed) {
    for (const hash of hashes) {
      if (!seen.has(`${grant} ${hash}`)) {
        throw new CarekeyError('bad-request', `the statements list key package ${hash} for grant ${grant}, but it was not sent`);
      }
    }
  }
  return admitted;
}

/** Every grant of a verified control-log state, as the relay stores and enforces it. */
export function grantRecords(state: ControlLogState): GrantRecord[] {
  return [...state.grants.values()].map((g) => ({
    vault: state.vault,
    grant: g.grant,
    grantee: g.grantee,
    collections: [...g.collections],
    access: g.access,
    notBefore: g.notBefore,
    notAfter: g.notAfter,
    issuedAt: g.issuedAt,
    revokedAt: g.revokedAt,
    emergency: g.emergency ? { waitHours: g.emergency.waitHours } : null,
  }));
}

/** The access-log events of appended statements: each grant issued or revoked, at `now`. */
export function grantEvents(statements: readonly ControlStatement[], state: ControlLogState, now: number): AccessEventRecord[] {
  return statements.flatMap((s): AccessEventRecord[] => {
    if (s.type === 'vault-created' || s.type === 'entries-confirmed') return [];
    const grant = state.grants.get(s.type === 'grant-issued' ? s.grant.grant : s.grant);
    if (!grant) throw new Error('a verified log lacks the grant its statement names');
    return [
      { at: now, kind: s.type, actor: grant.grantee, grant: grant.grant, collections: [...grant.collections], count: 0, reason: null },
    ];
  });
}
