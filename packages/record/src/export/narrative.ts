/**
 * FHIR narrative (`text.div`): XHTML in the FHIR namespace, every piece of text escaped so no
 * value from the record can become markup (FHIR R4 §Narrative: no scripts, no active content).
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for XHTML content and attribute values.
 *
 * @example
 * escapeXhtml('<b>Tom & Jerry</b>') // '&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;'
 */
export function escapeXhtml(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped rather than escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A narrative `div` holding a list of lines of plain text. */
export function listNarrative(lines: readonly string[]): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml"><ul>${lines.map((line) => `<li>${escapeXhtml(line)}</li>`).join('')}</ul></div>`;
}
