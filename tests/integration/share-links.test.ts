/**
 * Share links through the client: the patient shares chosen categories; someone with no account
 * opens the link from a bare fetch and gets exactly those categories and the Patient; passcodes,
 * tries, expiry (on the relay's clock) and revocation; and a link without its fragment reveals
 * nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CarekeyClient,
  CarekeyError,
  MAX_SHL_FILE_BYTES,
  MemoryStorage,
  openShareLink,
  parseShareLink,
  ready,
  type FetchLike,
} from '@carekey/client';
import { encryptJwe } from '@carekey/crypto';
import { startRelay, type RunningRelay } from '@carekey/server/testing';

await ready();

const DAY = 24 * 60 * 60 * 1000;
let offset = 0;
const clock = { now: () => Date.now() + offset };
let relay: RunningRelay;
const fetchVia: FetchLike = async (input, init) => relay.app.request(input, init);

async function patient(): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch: fetchVia });
  await client.signUp({ name: 'Ana Share', passphrase: 'share link passphrase for tests' });
  await client.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
  await client.addEntry({ resourceType: 'Observation', status: 'final', code: { text: 'HbA1c' }, valueString: '48 mmol/mol' });
  await client.addEntry({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, reasonCode: [{ text: 'Checkup' }] });
  return client;
}

async function codeOf(promise: Promise<unknown>): Promise<CarekeyError> {
  const error = await promise.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarekeyError);
  return error as CarekeyError;
}

beforeEach(async () => {
  offset = 0;
  relay = await startRelay({ store: 'memory', clock });
});
afterEach(async () => relay.close());

describe('share links', () => {
  test('opens with no account to exactly the chosen categories and the Patient; each open is listed', async () => {
    const client = await patient();
    const { linkId, url, expiresAt } = await client.createShareLink({ categories: ['results'], until: Date.now() + 7 * DAY });
    expect(url).toBe(`${relay.url}/s/${linkId}${url.slice(url.indexOf('#'))}`);
    const bundle = await openShareLink(url, { fetch: fetchVia });
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Observation']);
    expect(bundle.entry[0]?.resource['name']).toEqual([{ text: 'Ana Share' }]);
    const links = await client.shareLinks();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ linkId, expiresAt, passcode: false, state: 'active' });
    expect(links[0]?.opens).toHaveLength(1);
  });

  test('a passcode link: without it, asked for; wrong, tries left; after 5 wrong tries dead even with the right one', async () => {
    const client = await patient();
    const { url } = await client.createShareLink({ categories: ['summary', 'results'], until: Date.now() + DAY, passcode: '4921' });
    expect((await codeOf(openShareLink(url, { fetch: fetchVia }))).code).toBe('passcode-required');
    const bundle = await openShareLink(url, { fetch: fetchVia, passcode: '4921' });
    expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(['AllergyIntolerance', 'Observation', 'Patient']);
    for (let left = 4; left >= 0; left -= 1) {
      const wrong = await codeOf(openShareLink(url, { fetch: fetchVia, passcode: `wrong ${left}` }));
      expect(wrong.code).toBe('wrong-passcode');
      expect(wrong.triesLeft).toBe(left);
    }
    expect((await codeOf(openShareLink(url, { fetch: fetchVia, passcode: '4921' }))).code).toBe('link-revoked');
    expect((await client.shareLinks())[0]).toMatchObject({ state: 'locked', failedTries: 5 });
  });

  test("expiry is the relay's: past it the link answers link-expired", async () => {
    const client = await patient();
    const { url, expiresAt } = await client.createShareLink({ categories: ['summary'], until: Date.now() + 2 * DAY });
    offset = expiresAt - Date.now() + 1;
    expect((await codeOf(openShareLink(url, { fetch: fetchVia }))).code).toBe('link-expired');
  });

  test('revoked by the patient: link-revoked', async () => {
    const client = await patient();
    const { url, linkId } = await client.createShareLink({ categories: ['summary'], until: Date.now() + DAY });
    await client.revokeShareLink(linkId);
    expect((await codeOf(openShareLink(url, { fetch: fetchVia }))).code).toBe('link-revoked');
    expect((await client.shareLinks())[0]?.state).toBe('revoked');
  });

  test('the client refuses an end in the past or over a year ahead, and no categories', async () => {
    const client = await patient();
    expect((await codeOf(client.createShareLink({ categories: ['summary'], until: Date.now() - 1 }))).code).toBe('bad-expiry');
    expect((await codeOf(client.createShareLink({ categories: ['summary'], until: Date.now() + 400 * DAY }))).code).toBe('bad-expiry');
    expect((await codeOf(client.createShareLink({ categories: [], until: Date.now() + DAY }))).code).toBe('bad-request');
    expect(await client.shareLinks()).toEqual([]);
  });

  test('a link without its fragment, or with another, reveals nothing', async () => {
    const client = await patient();
    const { url, linkId } = await client.createShareLink({ categories: ['summary', 'results', 'encounters'], until: Date.now() + DAY });
    const bare = url.slice(0, url.indexOf('#'));
    expect((await codeOf(openShareLink(bare, { fetch: fetchVia }))).code).toBe('bad-link');
    expect(() => parseShareLink(`${bare}#short`)).toThrow(CarekeyError);
    const other = `${bare}#${'A'.repeat(43)}`;
    await expect(openShareLink(other, { fetch: fetchVia })).rejects.toMatchObject({ code: 'integrity', reason: 'decrypt' });
    // What the relay holds is ciphertext with none of the record's words in it.
    const opened = await relay.app.request(`${relay.url}/v1/links/${linkId}/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const text = Buffer.from(((await opened.json()) as { payload: string }).payload, 'base64url').toString('latin1');
    for (const word of ['Penicillin', 'HbA1c', 'Ana Share', 'Patient', 'Bundle']) expect(text).not.toContain(word);
  });

  test('a damaged key, or a link over plain http to another computer, is a bad link', async () => {
    const client = await patient();
    const { url } = await client.createShareLink({ categories: ['summary'], until: Date.now() + DAY });
    const bare = url.slice(0, url.indexOf('#'));
    // 43 characters of the right alphabet whose last one has spare bits set: not a key.
    expect(() => parseShareLink(`${bare}#${'A'.repeat(42)}B`)).toThrow(expect.objectContaining({ code: 'bad-link' }));
    const linkPath = new URL(url).pathname + new URL(url).hash;
    expect(() => parseShareLink(`http://relay.example${linkPath}`)).toThrow(expect.objectContaining({ code: 'bad-link' }));
    expect(parseShareLink(`https://relay.example${linkPath}`).origin).toBe('https://relay.example');
  });

  test('what a link shares never carries the vault ID the relay sees', async () => {
    const client = await patient();
    const vault = client.vaults[0]?.vault ?? '';
    const { url } = await client.createShareLink({ categories: ['summary'], until: Date.now() + DAY });
    const bundle = await openShareLink(url, { fetch: fetchVia });
    expect(bundle.entry[0]?.resource).toMatchObject({ resourceType: 'Patient', name: [{ text: 'Ana Share' }] });
    expect(JSON.stringify(bundle)).not.toContain(vault);
    expect(JSON.stringify(client.exportRecord({ format: 'ips' }))).not.toContain(vault);
  });

  test('a passcode given for a link that has none still opens it', async () => {
    const client = await patient();
    const { url } = await client.createShareLink({ categories: ['summary'], until: Date.now() + DAY });
    const bundle = await openShareLink(url, { fetch: fetchVia, passcode: '1234' });
    expect(bundle.entry.some((e) => e.resource.resourceType === 'AllergyIntolerance')).toBe(true);
  });

  test('a SMART Health Link: the manifest holds a JWE any SMART viewer decrypts with the key in the link; Carekey opens both forms', async () => {
    const client = await patient();
    const { url, shlink, linkId } = await client.createShareLink({
      categories: ['results'],
      until: Date.now() + DAY,
      smartHealthLink: true,
    });
    expect(shlink).toMatch(/^shlink:\/[A-Za-z0-9_-]+$/);
    const payload = JSON.parse(Buffer.from(shlink!.slice('shlink:/'.length), 'base64url').toString()) as {
      url: string;
      key: string;
      exp: number;
      v: number;
    };
    expect(payload).toMatchObject({ url: `${relay.url}/v1/links/${linkId}/shl`, v: 1 });
    expect(payload.key).toBe(url.slice(url.indexOf('#') + 1));

    // What a SMART viewer does, with Node's own AES-GCM: POST the manifest, decrypt the file.
    const response = await fetchVia(payload.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'Dr Viewer' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const manifest = (await response.json()) as { files: Array<{ contentType: string; embedded: string }> };
    expect(manifest.files[0]?.contentType).toBe('application/fhir+json');
    const [header = '', , iv = '', ciphertext = '', tag = ''] = manifest.files[0]!.embedded.split('.');
    const { createDecipheriv } = await import('node:crypto');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(payload.key, 'base64url'), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(header));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const bundle = JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString()) as {
      entry: Array<{ resource: { resourceType: string } }>;
    };
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Observation']);

    for (const form of [shlink!, url, `https://viewer.example/#${shlink!}`]) {
      const opened = await openShareLink(form, { fetch: fetchVia });
      expect(opened.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Observation']);
    }
    expect((await client.shareLinks()).find((l) => l.linkId === linkId)?.opens).toHaveLength(4);

    await client.revokeShareLink(linkId);
    expect((await codeOf(openShareLink(shlink!, { fetch: fetchVia }))).code).toBe('link-revoked');
  });

  test('a SMART Health Link cannot have a passcode, and an ordinary link has no SMART manifest', async () => {
    const client = await patient();
    const refused = await codeOf(
      client.createShareLink({ categories: ['results'], until: Date.now() + DAY, passcode: '1234', smartHealthLink: true }),
    );
    expect(refused.code).toBe('bad-request');
    const { linkId } = await client.createShareLink({ categories: ['results'], until: Date.now() + DAY });
    const response = await fetchVia(`${relay.url}/v1/links/${linkId}/shl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'x' }),
    });
    expect(response.status).toBe(404);
    // Asking for its manifest is not an open of the patient's link.
    expect((await client.shareLinks()).find((l) => l.linkId === linkId)?.opens).toEqual([]);
  });
});

describe('SMART Health Links made elsewhere, with files at a location', () => {
  const key = new Uint8Array(32).fill(3);
  const shlinkTo = (url: string) =>
    `shlink:/${Buffer.from(JSON.stringify({ url, key: Buffer.from(key).toString('base64url'), label: 'Elsewhere' })).toString('base64url')}`;
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'AllergyIntolerance', code: { text: 'Wasp stings' } } }],
  };

  const redirects: Array<RequestRedirect | undefined> = [];
  /** A SMART Health Links server: the manifest lists `count` files at `location`, served by `file`. */
  function server(location: string, file: () => Response, count = 1): FetchLike {
    return async (input, init) => {
      redirects.push(init.redirect);
      if (input === 'https://shl.example/manifest') {
        const files = Array.from({ length: count }, () => ({ contentType: 'application/fhir+json', location }));
        return new Response(JSON.stringify({ files }), { headers: { 'content-type': 'application/json' } });
      }
      if (input === location) return file();
      return new Response('not here', { status: 404 });
    };
  }

  test('a file at an https location is fetched and opened', async () => {
    const jwe = await encryptJwe(key, new TextEncoder().encode(JSON.stringify(bundle)));
    const opened = await openShareLink(shlinkTo('https://shl.example/manifest'), {
      fetch: server('https://files.example/1', () => new Response(jwe)),
    });
    expect(JSON.stringify(opened.entry)).toContain('Wasp stings');
    // Neither the manifest nor the file may be followed through a redirect (it could leave https).
    expect(redirects.slice(-2)).toEqual(['error', 'error']);
  });

  test('a manifest listing too many files is refused before any is fetched', async () => {
    let fetched = 0;
    const refused = await codeOf(
      openShareLink(shlinkTo('https://shl.example/manifest'), {
        fetch: server('https://files.example/1', () => ((fetched += 1), new Response('x')), 33),
      }),
    );
    expect(refused.code).toBe('offline');
    expect(fetched).toBe(0);
  });

  test('a file over plain http, one the server fails to serve, or one too large is refused with a plain reason', async () => {
    const jwe = await encryptJwe(key, new TextEncoder().encode(JSON.stringify(bundle)));
    const link = shlinkTo('https://shl.example/manifest');
    const plain = await codeOf(openShareLink(link, { fetch: server('http://files.example/1', () => new Response(jwe)) }));
    expect(plain.code).toBe('bad-link');
    const failing = await codeOf(
      openShareLink(link, { fetch: server('https://files.example/1', () => new Response('', { status: 500 })) }),
    );
    expect(failing.code).toBe('relay-error');
    const declared = await codeOf(
      openShareLink(link, {
        fetch: server(
          'https://files.example/1',
          () => new Response(jwe, { headers: { 'content-length': String(MAX_SHL_FILE_BYTES + 1) } }),
        ),
      }),
    );
    expect(declared.message).toContain('too large');
    // No length given: the body is read only up to the limit, in chunks.
    let served = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        served += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(65));
      },
    });
    const streamed = await codeOf(openShareLink(link, { fetch: server('https://files.example/1', () => new Response(endless)) }));
    expect(streamed.message).toContain('too large');
    expect(served).toBeLessThan(MAX_SHL_FILE_BYTES + 4 * 1024 * 1024);
  });
});
