/**
 * Crypto figures (DESIGN §8): seal+sign and verify+open of 1 KiB entries, each beside the bare
 * libsodium primitives they are built from, measured in the same run; and the Argon2id unlock
 * time at the chosen parameters.
 */
import {
  deriveMonthKey,
  derivePassphraseKey,
  generateCategoryRoot,
  generateSigningKeyPair,
  newKdfParams,
  openEnvelope,
  parseEnvelope,
  randomId,
  sealEnvelope,
  fromUtf8,
  toHex,
  utf8,
  verifyEnvelope,
  type EnvelopeInner,
} from '@carekey/crypto';
import { envelopePrimitives } from '@carekey/crypto/baseline';
import { compare, median, type Figure } from './harness.ts';

export async function cryptoFigures(): Promise<Figure[]> {
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const monthKey = deriveMonthKey(generateCategoryRoot(), 202611);
  // A 1 KiB resource, as JSON text, inside the inner payload.
  const resource = JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'x'.repeat(940) } });
  const inner: EnvelopeInner = { v: 1, kind: 'create', category: 'results', author: { account: 'A'.repeat(26), device: toHex(deviceId) } };
  const input = {
    vault: randomId(),
    collection: randomId(),
    entry: randomId(),
    epoch: 1,
    month: 202611,
    signer: { deviceId, secretKey: device.secretKey },
    monthKey,
    inner,
  };
  // The resource is encoded inside the measured work, as the client does for every entry.
  const sealed = sealEnvelope({ ...input, content: utf8(resource) });
  const bare = envelopePrimitives(monthKey, device, parseEnvelope(sealed).header.bodyLength - 16);
  const ourSeal = () => {
    sealEnvelope({ ...input, content: utf8(resource) });
  };
  const ourOpen = () => {
    const { content } = openEnvelope(verifyEnvelope(parseEnvelope(sealed), device.publicKey), monthKey, {
      account: 'A'.repeat(26),
      category: 'results',
    });
    fromUtf8(content);
  };

  const seal = compare(ourSeal, () => bare.seal());
  const open = compare(ourOpen, () => bare.open());

  const params = newKdfParams();
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    derivePassphraseKey('correct horse battery staple', params);
    times.push(performance.now() - start);
  }

  const sealRatio = seal.ours / seal.baseline;
  const openRatio = open.ours / open.baseline;
  return [
    { name: 'seal+sign 1 KiB entry', value: seal.ours, unit: 'op/s' },
    { name: 'bare primitives (seal)', value: seal.baseline, unit: 'op/s' },
    { name: 'seal+sign ratio', value: sealRatio, unit: '×', target: '≥ 0.80', pass: sealRatio >= 0.8 },
    { name: 'verify+open 1 KiB entry', value: open.ours, unit: 'op/s' },
    { name: 'bare primitives (open)', value: open.baseline, unit: 'op/s' },
    { name: 'verify+open ratio', value: openRatio, unit: '×', target: '≥ 0.80', pass: openRatio >= 0.8 },
    {
      name: 'Argon2id unlock (4 passes, 64 MiB)',
      value: median(times),
      unit: 'ms',
      target: '≈ 0.5–1 s on a phone',
      note: 'median of 5 in Node (wasm); phones are ~2–4× slower, which the parameters are chosen for',
    },
  ];
}
