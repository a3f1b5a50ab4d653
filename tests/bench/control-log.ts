/**
 * The control log's cost as it grows (docs/protocol.md §3.3): every unlock and sync verifies each
 * record's whole log, and every sync that confirms someone's entries adds a statement to it. This
 * measures verifying a log of one record after 1,000 such confirmations and ten grants — years of
 * a busy shared record — so the growth is a number, not a guess.
 */
import {
  accountIdFromIdentityKey,
  generateBoxKeyPair,
  generateSigningKeyPair,
  randomBytes,
  randomId,
  toBase64Url,
  toHex,
} from '@carekey/crypto';
import {
  applyControlLog,
  endOfMonth,
  signControlStatement,
  statementWireHash,
  type ControlStatement,
  type StatementWire,
} from '@carekey/protocol';
import { median, type Figure } from './harness.ts';

const CONFIRMATIONS = 1000;
const GRANTS = 10;

export function controlLogFigures(): Figure[] {
  const owner = generateSigningKeyPair();
  const account = accountIdFromIdentityKey(owner.publicKey);
  const vault = toHex(randomId());
  const collections = Array.from({ length: 9 }, () => ({ id: toHex(randomId()), epoch: 1 }));
  const log: StatementWire[] = [];
  const time = Date.UTC(2026, 10, 1);
  const sign = (statement: Record<string, unknown>) => {
    const seq = log.length + 1;
    const prev = log.length ? statementWireHash(log.at(-1)!) : null;
    log.push(
      signControlStatement(
        { v: 1, vault, seq, prev, time: time + seq, author: account, ...statement } as ControlStatement,
        owner.secretKey,
      ),
    );
  };
  sign({ type: 'vault-created', owner: account, collections });
  const hash = () => toBase64Url(randomBytes(32));
  for (let i = 0; i < GRANTS; i += 1) {
    const grantee = generateSigningKeyPair();
    const card = hash();
    sign({
      type: 'grant-issued',
      grant: {
        grant: toHex(randomId()),
        grantee: accountIdFromIdentityKey(grantee.publicKey),
        granteeIdentityKey: toBase64Url(grantee.publicKey),
        granteeBoxKey: toBase64Url(generateBoxKeyPair().publicKey),
        collections: [collections[0]!.id, collections[1]!.id],
        access: 'write',
        notBefore: 202611,
        notAfter: endOfMonth(202811),
        card,
        packages: [card, hash(), hash()],
      },
    });
  }
  for (let i = 0; i < CONFIRMATIONS; i += 1) sign({ type: 'entries-confirmed', entries: Array.from({ length: 3 }, hash) });
  const pin = { account, identityKey: owner.publicKey };
  applyControlLog(null, vault, pin, log); // warm up
  const times: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    const start = performance.now();
    applyControlLog(null, vault, pin, log);
    times.push(performance.now() - start);
  }
  const ms = median(times);
  return [
    {
      name: `control log: verify ${log.length} statements (${CONFIRMATIONS} confirmations)`,
      value: ms,
      unit: 'ms',
      note: `${((ms * 1000) / log.length).toFixed(0)} µs a statement; unlock and each sync verify every owned record's whole log`,
    },
  ];
}
