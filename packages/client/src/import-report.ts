/**
 * What an import did, for the patient ("12 results added, 3 updated, 2 need a look") and for
 * scripts (`carekey import --json`).
 */
import type { Category } from '@carekey/record';

export type ImportPhase = 'reading' | 'checking' | 'saving';

export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly done: number;
  readonly total: number;
}

export interface ImportReport {
  readonly format: string;
  /** Resources in the file, by FHIR resource type. */
  readonly byType: Readonly<Record<string, number>>;
  /** Resources in the file, by the category they went to. */
  readonly byCategory: Readonly<Partial<Record<Category, number>>>;
  /** New entries. */
  readonly added: number;
  /** Entries already in the record whose resource changed: a new version of each. */
  readonly updated: number;
  /** Resources already in the record exactly as in the file: nothing written. */
  readonly unchanged: number;
  /** Resources kept but flagged: invalid, of a type Carekey does not know, or from an unverified card. */
  readonly needsReview: ReadonlyArray<{ readonly entryId: string; readonly resourceType: string; readonly reasons: readonly string[] }>;
  /** Parts of the file that could not be read (e.g. a broken NDJSON line); the rest was imported. */
  readonly problems: ReadonlyArray<{ readonly where: string; readonly message: string }>;
  /** Whose record this file is: set the record's patient, matched it, or differed and was confirmed. */
  readonly patient: 'set' | 'same' | 'confirmed-different' | 'none';
  /**
   * Set when nothing in the file could be checked (the FHIR definitions could not be loaded):
   * why, in plain words, to say once. Every item is then in `needsReview` as not checked.
   */
  readonly notChecked?: string;
  /** For a SMART Health Card: its issuer and whether its signature was verified with a trusted key. */
  readonly card?: { readonly issuer: string; readonly verified: boolean; readonly reason?: string };
}
