/**
 * The encrypted backup file: it restores the whole record on a fresh install with the relay out
 * of reach, refuses a wrong passphrase or a changed file, holds no plaintext, and the restored
 * install joins the account as a new device when the relay is back.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, ready, type FetchLike } from '@carekey/client';
import { startRelay, type RunningRelay } from '@carekey/server/testing';

await ready();

const PASSPHRASE = 'backup passphrase for tests';
let relay: RunningRelay;
let down = false;
const fetchVia: FetchLike = async (input, init) => {
  if (down) throw new TypeError('fetch failed');
  return relay.app.request(input, init);
};
const note = (text: string) => ({ resourceType: 'Observation', status: 'final', code: { text: 'Diary' }, valueString: text });
const texts = (client: CarekeyClient) =>
  client
    .entries()
    .map((e) => e.resource.valueString as string)
    .sort();
const open = () => CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch: fetchVia });

beforeEach(async () => {
  relay = await startRelay({ store: 'memory' });
  down = false;
});
afterEach(async () => relay.close());

test('a backup restores the record on a fresh install without the relay, and the install joins later', async () => {
  const a = await open();
  const kit = await a.signUp({ name: 'Backup Patient', passphrase: PASSPHRASE });
  for (const t of ['first secret note', 'second secret note']) await a.addEntry(note(t));
  await a.sync();
  const backup = await a.createBackup();
  expect(Buffer.from(backup).toString('latin1')).not.toMatch(/secret note|Backup Patient/);

  down = true;
  const {
    client: restored,
    restored: count,
    rejected,
  } = await CarekeyClient.restore({
    storage: new MemoryStorage(),
    relay: relay.url,
    fetch: fetchVia,
    backup,
    secretKey: kit.secretKey,
    passphrase: PASSPHRASE,
  });
  expect(count).toBe(2);
  expect(rejected).toEqual([]);
  expect(texts(restored)).toEqual(['first secret note', 'second secret note']);
  await restored.addEntry(note('written after the restore'));
  expect((await restored.sync()).offline).toBe(true);

  down = false;
  expect(await restored.sync()).toMatchObject({ pushed: 1, error: null, rejected: [] });
  const b = await open();
  await b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
  expect(await b.sync()).toMatchObject({ pulled: 3, rejected: [], gaps: [] });
  expect(texts(b)).toEqual(['first secret note', 'second secret note', 'written after the restore']);
  // The original device sees the restored device's entry too.
  await a.sync();
  expect(texts(a)).toHaveLength(3);
});

test('a device that joined meanwhile does not stop the restored install from joining', async () => {
  const a = await open();
  const kit = await a.signUp({ name: 'Backup Patient', passphrase: PASSPHRASE });
  await a.addEntry(note('before'));
  await a.sync();
  const backup = await a.createBackup();
  const { client: restored } = await CarekeyClient.restore({
    storage: new MemoryStorage(),
    relay: relay.url,
    fetch: fetchVia,
    backup,
    secretKey: kit.secretKey,
    passphrase: PASSPHRASE,
  });
  const b = await open();
  await b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE }); // takes the next device-log place
  await restored.addEntry(note('from the restored install'));
  expect(await restored.sync()).toMatchObject({ pushed: 1, error: null });
  await b.sync();
  expect(texts(b)).toEqual(['before', 'from the restored install']);
});

test('a wrong passphrase, a changed file or another file is refused and restores nothing', async () => {
  const a = await open();
  const kit = await a.signUp({ name: 'Backup Patient', passphrase: PASSPHRASE });
  await a.addEntry(note('kept safe'));
  const backup = await a.createBackup();
  const attempt = (file: Uint8Array, passphrase = PASSPHRASE) =>
    CarekeyClient.restore({
      storage: new MemoryStorage(),
      relay: relay.url,
      fetch: fetchVia,
      backup: file,
      secretKey: kit.secretKey,
      passphrase,
    });
  await expect(attempt(backup, 'not the passphrase')).rejects.toMatchObject({ code: 'wrong-secret' });
  const text = Buffer.from(backup).toString('utf8');
  const changed = JSON.parse(text) as { ciphertext: string };
  changed.ciphertext = `${changed.ciphertext.slice(0, 40)}${changed.ciphertext[40] === 'A' ? 'B' : 'A'}${changed.ciphertext.slice(41)}`;
  await expect(attempt(Buffer.from(JSON.stringify(changed)))).rejects.toMatchObject({ code: 'bad-file' });
  await expect(attempt(Buffer.from('{"resourceType":"Bundle"}'))).rejects.toMatchObject({ code: 'bad-file' });
  await expect(attempt(Buffer.from('not json at all'))).rejects.toMatchObject({ code: 'bad-file' });
});
