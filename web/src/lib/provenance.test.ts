import { describe, expect, test } from 'vitest';
import { hostOf, provenanceOf } from './provenance.ts';

const ISSUER = 'https://spec.smarthealth.cards/examples/issuer';
const imported = { mine: true, writtenInCarekey: false };

describe('provenance', () => {
  test('a verified health card is checked and names its issuer', () => {
    expect(provenanceOf({ card: { issuer: ISSUER, verified: true } }, imported)).toEqual({
      cameFrom: 'A health card issued by spec.smarthealth.cards',
      checked: { text: 'Checked: signed by spec.smarthealth.cards', tone: 'verified' },
    });
  });

  test('an unverified health card only says who it claims to be from', () => {
    expect(provenanceOf({ card: { issuer: ISSUER, verified: false } }, imported)).toEqual({
      cameFrom: 'A health card that says it was issued by spec.smarthealth.cards',
      checked: {
        text: 'Not verified: says it is from spec.smarthealth.cards, but its signature could not be checked',
        tone: 'unverified',
      },
    });
  });

  test('an ordinary file is only vouched for as unchanged since it was brought in, never as signed', () => {
    const fromServer = provenanceOf({ fullUrl: 'https://fhir.example.org/Observation/1' }, imported);
    expect(fromServer).toEqual({
      cameFrom: 'A file you brought in, from fhir.example.org',
      checked: { text: 'Unchanged since you added it', tone: 'plain' },
    });
    // A file without addresses has no source at all, but it was still brought in, not written here.
    expect(provenanceOf(undefined, imported)).toEqual({
      cameFrom: 'A file you brought in',
      checked: { text: 'Unchanged since you added it', tone: 'plain' },
    });
    expect(provenanceOf({ fullUrl: 'urn:uuid:1' }, { mine: false, writtenInCarekey: false }).checked.text).toBe(
      'Unchanged since it was added',
    );
    for (const source of [undefined, { fullUrl: 'urn:uuid:1' }]) {
      expect(provenanceOf(source, imported).checked.text).not.toMatch(/signed/i);
    }
  });

  test('what was written in Carekey is signed by whoever wrote it', () => {
    expect(provenanceOf(undefined, { mine: true, writtenInCarekey: true })).toEqual({
      cameFrom: undefined,
      checked: { text: 'Signed by you and unchanged', tone: 'verified' },
    });
    expect(provenanceOf(undefined, { mine: false, writtenInCarekey: false }).checked.text).toBe(
      'Signed by someone you gave access to your record and unchanged',
    );
  });

  test('names only the host of a web address', () => {
    expect(hostOf('https://issuer.example.org:8443/path')).toBe('issuer.example.org:8443');
    expect(hostOf('urn:uuid:0c3151bd')).toBeUndefined();
    expect(hostOf('https://')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
  });
});
