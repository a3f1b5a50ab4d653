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
 * Accepts a parsed JSON value as a FHIR resource, or says why not.
 *
 * @throws InvalidResourceError
 */
export function asFhirResource(value: unknown): FhirResource {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidResourceError('A FHIR resource is a JSON object');
  }
  const type = (value as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string') throw new InvalidResourceError('The JSON has no "resourceType", so it is not a FHIR resource');
  if (!RESOURCE_TYPE.test(type)) throw new InvalidResourceError(`"${type}" is not a FHIR resource type`);
  if (type === 'Bundle') throw new InvalidResourceError('A Bundle holds many resources: import it rather than adding it as one entry');
  return value as FhirResource;
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
