/**
 * The shapes of an import: what a FHIR file becomes before its resources are sealed as entries.
 */
import type { EcPublicJwk } from '@carekey/crypto';
import type { Category } from '../categories.ts';
import type { FhirResource } from '../fhir.ts';

/**
 * What kind of file was imported, detected from its content (never from its name).
 * - `bundle:<type>`: a FHIR Bundle of that `Bundle.type` (`document` is how an International
 *   Patient Summary arrives; `bundle:other` covers history, message and response bundles);
 * - `resource`: a single FHIR resource;
 * - `resource-list`: a JSON array of resources or of Bundle entries (seen in real exports);
 * - `ndjson`: FHIR Bulk Data export, one resource per line;
 * - `smart-health-card`: a `.smart-health-card` file (or a bare signed card);
 * - `smart-health-card-qr`: the `shc:/…` text of a SMART Health Card QR code, in one or more parts.
 */
export type ImportFormat =
  | 'bundle:document'
  | 'bundle:collection'
  | 'bundle:transaction'
  | 'bundle:batch'
  | 'bundle:searchset'
  | 'bundle:other'
  | 'resource'
  | 'resource-list'
  | 'ndjson'
  | 'smart-health-card'
  | 'smart-health-card-qr';

/** A public key of a health card issuer: a P-256 JWK with its key ID (`kid`). */
export type IssuerKey = EcPublicJwk & { readonly kid: string };

/** One revoked card: its revocation ID and, optionally, the time up to which cards with that ID are revoked. */
export interface RevokedCard {
  /** The card's `vc.rid`. */
  readonly rid: string;
  /** Epoch seconds: cards issued (`nbf`) at or before this time are revoked; later ones are not. */
  readonly until?: number;
}

/** A SMART Health Card issuer the patient's app trusts. */
export interface TrustedIssuer {
  /** The issuer URL, exactly as in the card's `iss`. */
  readonly iss: string;
  /** A name to show ("NHS England"). */
  readonly name?: string;
  readonly keys: readonly IssuerKey[];
  /** Revoked cards by key ID, from the issuer's revocation lists. */
  readonly revoked?: Readonly<Record<string, readonly RevokedCard[]>>;
}

/** How {@link parseImport} behaves. */
export interface ImportOptions {
  /** Issuers whose SMART Health Cards are verified; cards from anyone else import as unverified. */
  readonly trustedIssuers?: readonly TrustedIssuer[];
  /** Called while resources are checked (at least every 250 resources): resources done, out of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Largest file accepted, in bytes (default 64 MiB). */
  readonly maxBytes?: number;
}

/** One problem found in a resource by validation. */
export interface ValidationIssue {
  readonly severity: 'error' | 'warning';
  /** Where, as a FHIRPath-like path (`Observation.valueQuantity.value`). */
  readonly path: string;
  readonly message: string;
}

/** A resource from the file, ready to become a record entry. */
export interface ImportCandidate {
  /** Exactly as in the file, contained resources kept inside it. */
  readonly resource: FhirResource;
  /**
   * Names the source record this resource came from, the same every time the same file (or a
   * later export of the same record) is imported, so a re-import updates rather than duplicates.
   * Sensitive: hash it with the vault's import key before it leaves the device.
   */
  readonly sourceIdentity: string;
  readonly category: Category;
  /** Empty when the resource is valid. Invalid resources are kept and flagged, never dropped. */
  readonly issues: readonly ValidationIssue[];
  /** The Bundle entry's `fullUrl`, when there was one. */
  readonly fullUrl?: string;
}

/** What a SMART Health Card import says about the card itself. */
export interface CardInfo {
  /** The issuer URL (`iss`). */
  readonly issuer: string;
  /** True only when the signature was checked against a trusted issuer's key and the card is not revoked. */
  readonly verified: boolean;
  /** Why the card is not verified. */
  readonly reason?: 'unknown-issuer' | 'revoked';
  /** When the card was issued (`nbf`), as an ISO date-time. */
  readonly issuedAt?: string;
}

/** A part of the file that was skipped without stopping the import. */
export interface ImportProblem {
  /** Where: "line 17", "entry 4". */
  readonly where: string;
  readonly message: string;
}

/** The result of reading one file. */
export interface ParsedImport {
  readonly format: ImportFormat;
  /** Every resource of the file, in order (a Bundle around them is not one); unknown types included. */
  readonly candidates: ImportCandidate[];
  /** The Patient resources among the candidates. */
  readonly patients: FhirResource[];
  /** For SMART Health Cards: the issuer and whether the card was verified. */
  readonly card?: CardInfo;
  readonly problems: ImportProblem[];
  readonly counts: {
    readonly byType: Record<string, number>;
    readonly byCategory: Record<string, number>;
    /** Candidates with at least one error. */
    readonly invalid: number;
  };
  /**
   * Set when nothing could be checked because the FHIR definitions could not be loaded: why, in
   * plain words, to tell the patient once. Every candidate then carries the issue `NOT_CHECKED`.
   */
  readonly notChecked?: string;
}

/** A resource found in a file, before it is categorised and checked. */
export interface FoundResource {
  readonly resource: FhirResource;
  readonly fullUrl?: string;
}
