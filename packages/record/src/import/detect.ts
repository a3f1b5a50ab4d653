/**
 * Recognising what a file is from its content (never its name) and reading its resources:
 * a Bundle, a single resource, a list of resources, NDJSON, or a SMART Health Card (file, bare
 * JWS or QR text). Files that are recognisably something else — an issuer's keys, a revocation
 * list, a SMART Health Link — are refused with words that say what they are.
 */
import { isResourceLike, isResourceList, readBundle, readResourceList, type Extraction } from './bundle.ts';
import { ImportError, MESSAGES } from './errors.ts';
import { COMPACT_JWS, openHealthCard } from './health-card.ts';
import { looksLikeNdjson, readNdjson } from './ndjson.ts';
import { healthCardsFromQrText, isHealthCardQrText } from './qr.ts';
import { looksTruncated, tryParseJson } from './text.ts';
import type { CardInfo, ImportFormat, TrustedIssuer } from './types.ts';

/** What was read from a file. */
export interface ReadFile extends Extraction {
  readonly card?: CardInfo;
}

/** What {@link readFile} needs besides the text. */
export interface ReadContext {
  readonly trustedIssuers: readonly TrustedIssuer[];
  readonly maxBytes: number;
}

const LINK_MESSAGE =
  'This is a SMART Health Link (or part of one), not the record itself. Open the link with Carekey to fetch the record it points to.';
const ENCRYPTED_MESSAGE =
  'This file is encrypted (it is the content of a SMART Health Link). Open the link itself with Carekey, which holds the key to read it.';

/**
 * Reads the resources of a file's text.
 *
 * @throws ImportError when the file as a whole cannot be imported
 */
export async function readFile(text: string, context: ReadContext): Promise<ReadFile> {
  const trimmed = text.trim();
  if (isHealthCardQrText(trimmed)) return readHealthCards(healthCardsFromQrText(trimmed), 'smart-health-card-qr', context);
  if (/^(?:https?:\/\/\S*#)?shlink:\/\S+$/.test(trimmed)) throw new ImportError('unsupported', LINK_MESSAGE);
  if (COMPACT_JWS.test(trimmed)) return readHealthCards([trimmed], 'smart-health-card', context);
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(trimmed)) {
    throw new ImportError('unsupported', ENCRYPTED_MESSAGE);
  }
  if (trimmed.startsWith('<')) {
    throw trimmed.includes('http://hl7.org/fhir')
      ? new ImportError('unsupported', 'This is a FHIR record in XML. Carekey reads FHIR in JSON: ask your GP or hospital for a JSON copy.')
      : new ImportError('not-fhir', MESSAGES.notFhir);
  }

  const parsed = tryParseJson(trimmed);
  if (parsed.ok) return readJson(parsed.value, context);
  if (looksLikeNdjson(trimmed)) return readNdjson(trimmed);
  if (looksTruncated(trimmed)) throw new ImportError('truncated', MESSAGES.truncated, { cause: parsed.error });
  throw new ImportError('not-fhir', MESSAGES.notFhir, { cause: parsed.error });
}

async function readJson(value: unknown, context: ReadContext): Promise<ReadFile> {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new ImportError('empty', MESSAGES.empty);
    if (isResourceList(value as unknown[])) return readResourceList(value as unknown[]);
    throw new ImportError('not-fhir', MESSAGES.notFhir);
  }
  if (value === null || typeof value !== 'object') throw new ImportError('not-fhir', MESSAGES.notFhir);
  const object = value as Record<string, unknown>;
  if (object.resourceType === 'Bundle') return readBundle(object);
  if (isResourceLike(object)) return { format: 'resource', found: [{ resource: object }], problems: [] };

  const credentials = object.verifiableCredential;
  if (Array.isArray(credentials)) {
    const jws = (credentials as unknown[]).filter((item): item is string => typeof item === 'string' && COMPACT_JWS.test(item.trim()));
    if (jws.length === 0) throw new ImportError('bad-signature', MESSAGES.damagedCard);
    return readHealthCards(
      jws.map((item) => item.trim()),
      'smart-health-card',
      context,
    );
  }
  throw refusalFor(object);
}

/** Why a JSON object that is not FHIR was refused, in words that say what it is. */
function refusalFor(object: Record<string, unknown>): ImportError {
  if (Array.isArray(object.keys)) {
    return new ImportError(
      'not-fhir',
      "This file holds a health card issuer's public keys, not a health record. Import the health card itself.",
    );
  }
  if (Array.isArray(object.rids) || object.method === 'rid') {
    return new ImportError('not-fhir', "This file is a health card issuer's list of withdrawn cards, not a health record.");
  }
  if (object.vc !== undefined && typeof object.iss === 'string') {
    return new ImportError(
      'unsupported',
      'This is the inside of a SMART Health Card without its signature, so it cannot be trusted. Import the .smart-health-card file or scan the QR code instead.',
    );
  }
  const isLink =
    (typeof object.url === 'string' && typeof object.key === 'string') ||
    Array.isArray(object.files) ||
    object.shlinkJsonPayload !== undefined ||
    typeof object.shlinkBare === 'string';
  if (isLink) return new ImportError('unsupported', LINK_MESSAGE);
  return new ImportError('not-fhir', MESSAGES.notFhir);
}

/** Opens each card and gathers the resources of their Bundles. */
async function readHealthCards(jwsList: readonly string[], format: ImportFormat, context: ReadContext): Promise<ReadFile> {
  if (jwsList.length === 0) throw new ImportError('empty', MESSAGES.empty);
  const found: ReadFile['found'] = [];
  const problems: ReadFile['problems'] = [];
  let card: CardInfo | undefined;
  for (const [index, jws] of jwsList.entries()) {
    const opened = await openHealthCard(jws, context.trustedIssuers, context.maxBytes);
    const bundle = opened.bundle as Record<string, unknown>;
    if (bundle.resourceType !== 'Bundle') throw new ImportError('not-fhir', 'This health card does not hold a FHIR record.');
    const read = readBundle(bundle);
    found.push(...read.found);
    problems.push(...read.problems.map((p) => (jwsList.length > 1 ? { ...p, where: `card ${index + 1}, ${p.where}` } : p)));
    card = card === undefined ? opened.card : mergeCards(card, opened.card);
  }
  if (jwsList.length > 1) problems.push({ where: 'file', message: `holds ${jwsList.length} health cards; all were imported` });
  return card === undefined ? { format, found, problems } : { format, found, problems, card };
}

/** Several cards in one file count as verified only when every one of them is. */
function mergeCards(first: CardInfo, next: CardInfo): CardInfo {
  if (!first.verified || next.verified) return first;
  return { ...first, verified: false, ...(next.reason ? { reason: next.reason } : {}) };
}
