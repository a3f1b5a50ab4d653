/**
 * The importer: any FHIR file a patient brings in becomes a list of resources ready to be
 * sealed as record entries, each with its category, its source identity and its validation
 * issues. Nothing here touches the network or storage.
 */
import { categorise } from '../categorise/index.ts';
import { readFile } from './detect.ts';
import { ImportError } from './errors.ts';
import { sourceIdentity } from './identity.ts';
import { DEFAULT_MAX_BYTES, decodeInput } from './text.ts';
import type { FoundResource, ImportCandidate, ImportOptions, ParsedImport } from './types.ts';
import { FhirDefinitionsUnavailableError, r4Validator, uncheckedValidator, type ResourceValidator } from './validate.ts';

/** What the patient is told, once, when nothing in a file could be checked. */
export const NOT_CHECKED_MESSAGE =
  'Nothing in this file could be checked, because Carekey could not load the rules it checks health records against (the first time, this needs an internet connection). Everything was kept, and each item is marked for a look.';

/** Resources checked between two progress reports (and two pauses for the page to repaint). */
export const PROGRESS_CHUNK = 250;

// Declared here because the package compiles without DOM or Node types; every browser and Node has it.
declare const setTimeout: (callback: () => void, delay: number) => unknown;

/** Lets the event loop run (a macrotask, so a browser can paint the progress bar). */
const nextMacrotask = (): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, 0);
  });

/**
 * Reads a FHIR file of any supported kind (see {@link ImportFormat}) and returns every resource
 * in it, categorised, named by a stable source identity and validated against FHIR R4.
 * Invalid resources are kept, with their issues; parts of the file that hold no resource are
 * listed in `problems`. The first call loads the FHIR definitions (a separate download in a
 * browser); when they cannot be loaded, nothing is refused for it: every resource is kept with
 * the issue `NOT_CHECKED` and `notChecked` says why, in plain words. `onProgress` is called at
 * least every {@link PROGRESS_CHUNK} resources while they are checked, with a pause for the
 * event loop in between.
 *
 * @throws ImportError when the file as a whole cannot be imported; nothing was imported then
 *
 * @example
 * const parsed = await parseImport(bytes, { trustedIssuers, onProgress: (done, total) => bar.set(done / total) });
 * for (const c of parsed.candidates) await addEntry(c.category, c.resource, c.sourceIdentity);
 */
export async function parseImport(input: string | Uint8Array, options: ImportOptions = {}): Promise<ParsedImport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // The definitions start loading (a download, in a browser) while the file is read. If the file
  // is refused first, a failure to load them is of no interest; otherwise it surfaces below.
  const validatorReady = r4Validator();
  void validatorReady.catch(() => undefined);
  const text = decodeInput(input, maxBytes);
  const read = await readFile(text, { trustedIssuers: options.trustedIssuers ?? [], maxBytes });
  if (read.found.length === 0) {
    const why = read.problems[0] ? ` (${read.problems[0].where} ${read.problems[0].message})` : '';
    throw new ImportError('empty', `This file holds no health records to import${why}.`);
  }

  const total = read.found.length;
  options.onProgress?.(0, total);
  const validator = await validatorReady.catch((error: unknown) => {
    // Validation never rejects: without its rules, everything is kept and flagged as not checked.
    if (error instanceof FhirDefinitionsUnavailableError) return undefined;
    throw error;
  });
  const candidates: ImportCandidate[] = [];
  for (let start = 0; start < total; start += PROGRESS_CHUNK) {
    const end = Math.min(start + PROGRESS_CHUNK, total);
    for (let i = start; i < end; i += 1) candidates.push(toCandidate(read.found[i] as FoundResource, validator ?? uncheckedValidator));
    options.onProgress?.(end, total);
    if (end < total) await nextMacrotask();
  }

  const byType: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  let invalid = 0;
  for (const candidate of candidates) {
    byType[candidate.resource.resourceType] = (byType[candidate.resource.resourceType] ?? 0) + 1;
    byCategory[candidate.category] = (byCategory[candidate.category] ?? 0) + 1;
    if (candidate.issues.some((issue) => issue.severity === 'error')) invalid += 1;
  }
  return {
    format: read.format,
    candidates,
    patients: candidates.filter((c) => c.resource.resourceType === 'Patient').map((c) => c.resource),
    ...(read.card ? { card: read.card } : {}),
    problems: read.problems,
    counts: { byType, byCategory, invalid },
    ...(validator ? {} : { notChecked: NOT_CHECKED_MESSAGE }),
  };
}

function toCandidate(found: FoundResource, validator: ResourceValidator): ImportCandidate {
  const { resource, fullUrl } = found;
  return {
    resource,
    sourceIdentity: sourceIdentity(resource, fullUrl),
    category: categorise(resource),
    issues: validator.validate(resource),
    ...(fullUrl === undefined ? {} : { fullUrl }),
  };
}
