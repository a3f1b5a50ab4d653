/**
 * The files inside an entry (FHIR R4 Attachment): a letter's PDF, a scan's image, a clinic
 * note's text. Found where each resource type keeps them — a DocumentReference's
 * `content[].attachment`, a DiagnosticReport's `presentedForm`, a Media's `content`, a Binary's
 * own `data` — and decoded from their inline base64 `data`. An attachment with only a `url`
 * lives at the hospital and is never fetched (it would tell the hospital when the record is
 * read, and the relay's policy forbids it anyway).
 *
 * Nothing here puts a file's bytes into the page as markup: HTML becomes plain text, and the
 * caller shows images and PDFs from blob: URLs.
 *
 * @see https://hl7.org/fhir/R4/datatypes.html#Attachment
 */

/** How an attachment can be shown. */
export type AttachmentKind = 'image' | 'pdf' | 'text' | 'html' | 'other';

/** One attachment, ready to show. */
export interface AttachmentView {
  /** Its title, or a plain name from its type ("PDF document"). */
  readonly title: string;
  /** The media type as declared (lower case, without parameters), when declared. */
  readonly contentType: string | undefined;
  /** The media type with its parameters as written (`text/plain; charset=iso-8859-1`). */
  readonly rawType: string | undefined;
  readonly kind: AttachmentKind;
  /** Its size in bytes: of the decoded data, else as declared. */
  readonly size: number | undefined;
  /** The decoded bytes, when the file is carried inside the entry. */
  readonly data: Uint8Array | undefined;
  /** Where the file is kept elsewhere, when it is not carried inside the entry. */
  readonly url: string | undefined;
  /** True when inline data was present but could not be decoded. */
  readonly unreadable: boolean;
}

/** Images a browser shows safely in an `<img>` (no SVG: it is a document, not a picture). */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/csv', 'application/json', 'application/fhir+json', 'text/xml']);

const NAMES: Readonly<Record<AttachmentKind, string>> = {
  image: 'Picture',
  pdf: 'PDF document',
  text: 'Text',
  html: 'Document',
  other: 'File',
};

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isObject);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The kind of a media type. */
export function kindOf(contentType: string | undefined): AttachmentKind {
  if (!contentType) return 'other';
  if (IMAGE_TYPES.has(contentType)) return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType === 'text/html' || contentType === 'application/xhtml+xml') return 'html';
  if (TEXT_TYPES.has(contentType) || contentType.startsWith('text/')) return 'text';
  return 'other';
}

/**
 * The media type to give a blob: URL of an attachment. Only what is shown inline keeps its own
 * type — a raster picture, and a PDF (which the browser opens in its own viewer). Anything else
 * (SVG, HTML, XML, an unknown type) becomes `application/octet-stream`, so opening its blob: URL
 * downloads it instead of rendering it as a document on the app's origin, where its scripts would
 * run with the patient's unlocked record.
 *
 * @example
 * blobTypeOf({ kind: 'image', contentType: 'image/png' }) // 'image/png'
 * blobTypeOf({ kind: 'other', contentType: 'image/svg+xml' }) // 'application/octet-stream'
 */
export function blobTypeOf(attachment: Pick<AttachmentView, 'kind' | 'contentType'>): string {
  const { kind, contentType } = attachment;
  if (kind === 'image' && contentType !== undefined && IMAGE_TYPES.has(contentType)) return contentType;
  if (kind === 'pdf') return 'application/pdf';
  return 'application/octet-stream';
}

/**
 * Decodes base64 (standard or URL-safe, with or without padding and line breaks); undefined
 * when the text is not base64.
 *
 * @example
 * decodeBase64('aGVsbG8=') // Uint8Array [104, 101, 108, 108, 111]
 */
export function decodeBase64(value: string): Uint8Array | undefined {
  const clean = value.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) return undefined;
  const padded = clean.replace(/=+$/, '').padEnd(Math.ceil(clean.replace(/=+$/, '').length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch (error) {
    if (error instanceof DOMException) return undefined;
    throw error;
  }
}

/** The attachment objects of a resource, where its type keeps them. */
function rawAttachments(resource: Json): Json[] {
  switch (resource.resourceType) {
    case 'DocumentReference':
      return objects(resource.content)
        .map((c) => c.attachment)
        .filter(isObject);
    case 'DiagnosticReport':
      return objects(resource.presentedForm);
    case 'Media':
      return objects(resource.content);
    case 'Binary':
      return [{ contentType: resource.contentType, data: resource.data }];
    case 'Communication':
      return objects(resource.payload)
        .map((p) => p.contentAttachment)
        .filter(isObject);
    default:
      return [];
  }
}

/**
 * The attachments of a resource, decoded.
 *
 * @example
 * attachmentsOf({ resourceType: 'DocumentReference', content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }] })
 * // [{ title: 'Text', contentType: 'text/plain', kind: 'text', size: 2, data: Uint8Array [104, 105], … }]
 */
export function attachmentsOf(resource: Json): AttachmentView[] {
  return rawAttachments(resource).map((a) => {
    const rawType = text(a.contentType);
    const contentType = rawType?.split(';')[0]?.trim().toLowerCase();
    const kind = kindOf(contentType);
    const inline = text(a.data);
    const data = inline ? decodeBase64(inline) : undefined;
    const declared = typeof a.size === 'number' && Number.isFinite(a.size) && a.size >= 0 ? a.size : undefined;
    return {
      title: text(a.title) ?? NAMES[kind],
      contentType,
      rawType,
      kind,
      size: data?.length ?? declared,
      data,
      url: data ? undefined : text(a.url),
      unreadable: inline !== undefined && data === undefined,
    };
  });
}

/** The character set named by a media type's parameters (`text/plain; charset=iso-8859-1`). */
function charsetOf(rawType: string | undefined): string {
  return /charset=([\w-]+)/i.exec(rawType ?? '')?.[1] ?? 'utf-8';
}

/** An attachment's bytes as text (UTF-8 unless the type names another character set). */
export function decodeText(bytes: Uint8Array, rawType?: string): string {
  try {
    return new TextDecoder(charsetOf(rawType)).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError) return new TextDecoder().decode(bytes); // an unknown charset
    throw error;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The readable text of an HTML document, for showing as plain text: scripts, styles and comments
 * dropped, line breaks where blocks end, tags removed and entities decoded. The result is text —
 * the page must still show it as text, never as markup.
 *
 * @example
 * htmlToText('<h1>Letter</h1><p>Dear Ada,<br>all&nbsp;is well.</p><script>x()</script>')
 * // 'Letter\nDear Ada,\nall is well.'
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|section|article|table|ul|ol|blockquote|pre)\s*>/gi, '\n')
    .replace(/<(td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
