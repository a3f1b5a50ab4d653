/**
 * Importing FHIR files (DESIGN §3): Bundles of every type (an International Patient Summary is
 * a `document` Bundle), single resources, NDJSON bulk exports and SMART Health Cards, into
 * categorised, validated resources ready to become record entries.
 */
export { NOT_CHECKED_MESSAGE, parseImport, PROGRESS_CHUNK } from './parse-import.ts';
export { ImportError, type ImportErrorCode } from './errors.ts';
export { comparePatients, type PatientComparison, type PatientField } from './patients.ts';
export { buildReferenceIndex, type ReferenceIndex } from './references.ts';
export { sourceIdentity } from './identity.ts';
export { trustedIssuerFromJwks } from './health-card.ts';
export { DEFAULT_MAX_BYTES } from './text.ts';
export { FhirDefinitionsUnavailableError, NOT_CHECKED, provideFhirDefinitions } from './validate.ts';
export type { DefinitionBundle, R4Definitions } from './definitions.ts';
export type {
  CardInfo,
  ImportCandidate,
  ImportFormat,
  ImportOptions,
  ImportProblem,
  IssuerKey,
  ParsedImport,
  RevokedCard,
  TrustedIssuer,
  ValidationIssue,
} from './types.ts';
