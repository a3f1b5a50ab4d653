/**
 * NDJSON, as FHIR Bulk Data export writes it: one resource per line. A bad line is reported and
 * skipped; the other lines still import.
 */
import { isResourceLike, type Extraction } from './bundle.ts';
import { looksTruncated, tryParseJson } from './text.ts';
import type { FoundResource, ImportProblem } from './types.ts';

const LINE_BREAK = /\r?\n/;

/**
 * True when text that is not one JSON value reads as NDJSON: several non-empty lines, and either
 * the first of them or most of them are resources on their own.
 */
export function looksLikeNdjson(text: string): boolean {
  const lines = text.split(LINE_BREAK).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  const isResourceLine = (line: string): boolean => {
    const parsed = tryParseJson(line);
    return parsed.ok && isResourceLike(parsed.value);
  };
  if (isResourceLine(lines[0] as string)) return true;
  const sample = lines.slice(0, 100);
  return sample.filter(isResourceLine).length * 2 > sample.length;
}

/** The resources of NDJSON text, line by line. */
export function readNdjson(text: string): Extraction {
  const found: FoundResource[] = [];
  const problems: ImportProblem[] = [];
  text.split(LINE_BREAK).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    const parsed = tryParseJson(line);
    if (!parsed.ok) {
      problems.push({ where, message: looksTruncated(line) ? 'is cut off before its end' : 'is not valid JSON' });
    } else if (!isResourceLike(parsed.value)) {
      problems.push({ where, message: 'is not a FHIR resource (it has no "resourceType")' });
    } else {
      found.push({ resource: parsed.value });
    }
  });
  return { format: 'ndjson', found, problems };
}
