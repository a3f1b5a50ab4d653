/**
 * Where an entry came from and what Carekey can vouch for about it, in words that claim no more
 * than is true. Every version of an entry is signed by the device that wrote it, so Carekey always
 * knows an entry is as it was written or brought in; only a health card's signature says anything
 * about who wrote the thing at its source, and an ordinary file carries none.
 */
import type { EntryVersion } from '@carekey/client';

/** How the "Checked" words are shown: confirmed, a warning, or a plain statement. */
export type CheckedTone = 'verified' | 'unverified' | 'plain';

export interface Provenance {
  /** Where it came from ("A file you brought in, from fhir.example.org"), when it was brought in. */
  readonly cameFrom: string | undefined;
  /** What is known to be true of it ("Checked: signed by issuer.example.org"). */
  readonly checked: { readonly text: string; readonly tone: CheckedTone };
}

/** The host of a web address, or undefined when it is not one (a `urn:uuid:`, say). */
export function hostOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).host;
  } catch (error) {
    if (error instanceof TypeError) return undefined; // not a URL after all: say nothing rather than something wrong
    throw error;
  }
}

/**
 * The provenance of an entry, from the source of its current version.
 *
 * @param source - the current version's `source` (the one its checks speak for)
 * @param mine - whether this account wrote the entry
 * @param writtenInCarekey - whether the patient wrote it in Carekey rather than brought it in
 *
 * @example
 * provenanceOf({ card: { issuer: 'https://issuer.example.org', verified: false } }, { mine: true, writtenInCarekey: false }).checked.text
 * // 'Not verified: says it is from issuer.example.org, but its signature could not be checked'
 */
export function provenanceOf(source: EntryVersion['source'], who: { mine: boolean; writtenInCarekey: boolean }): Provenance {
  const { mine, writtenInCarekey } = who;
  const broughtIn = !writtenInCarekey && (mine || source !== undefined);
  const card = source?.card;
  const issuer = card ? (hostOf(card.issuer) ?? card.issuer) : undefined;
  const host = hostOf(source?.fullUrl);

  let cameFrom: string | undefined;
  if (broughtIn && mine) {
    if (card) cameFrom = card.verified ? `A health card issued by ${issuer}` : `A health card that says it was issued by ${issuer}`;
    else cameFrom = host ? `A file you brought in, from ${host}` : 'A file you brought in';
  }

  let checked: Provenance['checked'];
  if (card?.verified) checked = { text: `Checked: signed by ${issuer}`, tone: 'verified' };
  else if (card) checked = { text: `Not verified: says it is from ${issuer}, but its signature could not be checked`, tone: 'unverified' };
  else if (broughtIn) checked = { text: mine ? 'Unchanged since you added it' : 'Unchanged since it was added', tone: 'plain' };
  else checked = { text: `Signed by ${mine ? 'you' : 'someone you gave access to your record'} and unchanged`, tone: 'verified' };

  return { cameFrom, checked };
}
