/**
 * FHIR R4 resources as entry payloads. The record keeps the resource exactly as given (its JSON
 * text travels inside the envelope), so nothing is lost in translation; this module only checks
 * that a value is a resource at all.
 */

/** A FHIR R4 resource: any JSON object with a `resourceType`. */
export interface FhirResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly [field: string]: unknown;
}

/** Why a value is not accepted as a FHIR resource. */
export class InvalidResourceError extends Error {
  readonly code = 'invalid-resource' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidResourceError';
  }
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/**
 * True for a JSON object with a non-empty string `resourceType`: what the record keeps as a
 * resource. Deliberately loose — an import keeps what a source sent, misspelt types and nested
 * Bundles included (flagged for review), and every device must read back what any device kept.
 */
export function isFhirResource(value: unknown): value is FhirResource {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const type = (value as { resourceType?: unknown }).resourceType;
  return typeof type === 'string' && type.trim() !== '';
}

/**
 * Accepts a parsed JSON value as a stored FHIR resource, or says why not.
 *
 * @throws InvalidResourceError
 */
export function asFhirResource(value: unknown): FhirResource {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidResourceError('A FHIR resource is a JSON object');
  }
  if (!isFhirResource(value)) throw new InvalidResourceError('The JSON has no "resourceType", so it is not a FHIR resource');
  return value;
}

/**
 * Accepts a value as a new entry added by hand (`carekey add`, the app's forms): a resource
 * whose type is spelt as FHIR spells types, and not a Bundle — a Bundle holds many resources
 * and is imported instead.
 *
 * @throws InvalidResourceError
 */
export function asEntryResource(value: unknown): FhirResource {
  const resource = asFhirResource(value);
  if (!RESOURCE_TYPE.test(resource.resourceType)) throw new InvalidResourceError(`"${resource.resourceType}" is not a FHIR resource type`);
  if (resource.resourceType === 'Bundle') {
    throw new InvalidResourceError('A Bundle holds many resources: import it rather than adding it as one entry');
  }
  return resource;
}

/**
 * Parses JSON text as a FHIR resource.
 *
 * @throws InvalidResourceError when the text is not JSON or not a resource
 */
export function parseFhirResource(text: string): FhirResource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InvalidResourceError('The file is not valid JSON', { cause });
  }
  return asFhirResource(value);
}
