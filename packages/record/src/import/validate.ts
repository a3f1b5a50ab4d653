/**
 * Structural validation of FHIR R4 resources against the base specification, with
 * `@medplum/core`'s validator: types, cardinality, unknown properties, primitive formats and the
 * FHIRPath invariants of every element (no terminology, no profiles).
 *
 * Validation reports; it never rejects. An invalid resource is kept and flagged, because a real
 * GP or hospital export is often slightly wrong and the patient's data matters more than its
 * conformance. When the definitions cannot be loaded at all (the first import made offline, in a
 * browser), nothing is checked: every resource is kept and flagged {@link NOT_CHECKED}.
 *
 * Speed (DESIGN §8, 10,000 resources in the import budget): the definitions are loaded once per
 * session; only the data types are indexed up front, and each resource type's definition is
 * parsed the first time a resource of that type (or a resource contained in one) is seen,
 * instead of all ~150 of them; each resource is validated exactly once, on its own (never the
 * Bundle around it, which would validate every entry a second time).
 */
import { indexStructureDefinitionBundle, loadDataType, OperationOutcomeError, validateResource } from '@medplum/core';
import type { Bundle, OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import type { FhirResource } from '../fhir.ts';
import { loadR4Definitions, type R4Definitions } from './definitions.ts';
import type { ValidationIssue } from './types.ts';

/** Validates one resource at a time against base FHIR R4. */
export interface ResourceValidator {
  /** The problems found in `resource` (and the resources it contains); empty when valid. */
  validate(resource: FhirResource): ValidationIssue[];
  /** True when `resourceType` is a resource type of FHIR R4. */
  knows(resourceType: string): boolean;
}

/**
 * The FHIR definitions could not be loaded — in a browser, a download that failed (offline, say);
 * in Node, files missing from the install — so no resource can be checked. The loader's own
 * error is the `cause`.
 */
export class FhirDefinitionsUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('The FHIR definitions used to check resources could not be loaded', options);
    this.name = 'FhirDefinitionsUnavailableError';
  }
}

/** The issue on every resource of an import made without the definitions. */
export const NOT_CHECKED = 'not checked: the checking rules could not be loaded';

/**
 * Stands in for the validator when the definitions could not be loaded: checks nothing, and says
 * so on every resource, which is then kept and listed for review like an invalid one.
 */
export const uncheckedValidator: ResourceValidator = {
  validate: (resource) => [{ severity: 'warning', path: resource.resourceType, message: NOT_CHECKED }],
  knows: () => false,
};

let shared: Promise<ResourceValidator> | undefined;

/**
 * The session's validator: the first call loads the R4 definitions (in a browser, a separate
 * download made only now), later calls reuse them. A failed load is retried on the next call.
 *
 * @throws FhirDefinitionsUnavailableError when the definitions could not be loaded
 */
export function r4Validator(): Promise<ResourceValidator> {
  shared ??= loadR4Definitions()
    .then(createValidator, (error: unknown) => {
      throw new FhirDefinitionsUnavailableError({ cause: error });
    })
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

const BASE = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * Uses R4 definitions the caller loaded itself — read from disk by a Node program, or taken from
 * a cache — instead of importing them on the first import. Replaces any loaded before.
 *
 * @example
 * provideFhirDefinitions({ types: JSON.parse(typesText), resources: JSON.parse(resourcesText) });
 */
export function provideFhirDefinitions(definitions: R4Definitions): void {
  shared = Promise.resolve(createValidator(definitions));
}

/** Builds a validator from the R4 definition bundles. */
export function createValidator(definitions: R4Definitions): ResourceValidator {
  indexStructureDefinitionBundle(definitions.types as unknown as Bundle);
  const definitionOf = new Map<string, StructureDefinition>();
  for (const entry of definitions.resources.entry ?? []) {
    const sd = entry.resource as StructureDefinition | undefined;
    if (sd?.resourceType === 'StructureDefinition' && sd.kind === 'resource' && sd.type && sd.url === BASE + sd.type) {
      definitionOf.set(sd.type, sd);
    }
  }
  const loaded = new Set<string>();

  /** Parses a resource type's definition on first use; false for a type R4 does not have. */
  function ensureLoaded(resourceType: string): boolean {
    if (loaded.has(resourceType)) return true;
    const sd = definitionOf.get(resourceType);
    if (!sd) return false;
    loadDataType(sd);
    loaded.add(resourceType);
    return true;
  }
  ensureLoaded('Resource');
  ensureLoaded('DomainResource');

  const isConcrete = (type: string): boolean => type !== 'Resource' && type !== 'DomainResource' && definitionOf.has(type);

  return {
    knows: isConcrete,
    validate(resource) {
      if (!isConcrete(resource.resourceType)) {
        return [
          {
            severity: 'warning',
            path: resource.resourceType,
            message: `"${resource.resourceType}" is not a FHIR R4 resource type, so it was not checked; it is kept as it is`,
          },
        ];
      }
      for (const type of nestedResourceTypes(resource)) ensureLoaded(type);
      ensureLoaded(resource.resourceType);
      return runValidator(resource);
    },
  };
}

function runValidator(resource: FhirResource): ValidationIssue[] {
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource as unknown as Resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      issues = error.outcome.issue ?? [];
    } else {
      // The validator is third-party code running on untrusted input; a crash inside it must not
      // stop the import or lose the resource, so it becomes an issue on this resource.
      const reason = error instanceof Error ? error.message : String(error);
      return [{ severity: 'error', path: resource.resourceType, message: `This resource could not be checked: ${reason}` }];
    }
  }
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const mapped = toValidationIssue(issue, resource.resourceType);
    if (mapped) out.push(mapped);
  }
  return out;
}

/**
 * medplum warns about every reference whose first path segment is not a resource type, which
 * includes all `urn:uuid:` and absolute references — the normal way Bundles link their entries.
 * Those warnings say nothing about the data, so they are dropped.
 */
const ABSOLUTE_REFERENCE_WARNING = /^Invalid reference: got "[^"]*:/;

function toValidationIssue(issue: OperationOutcomeIssue, resourceType: string): ValidationIssue | undefined {
  const message = issue.details?.text ?? issue.diagnostics ?? 'Invalid value';
  const severity = issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning';
  if (severity === 'warning' && ABSOLUTE_REFERENCE_WARNING.test(message)) return undefined;
  return { severity, path: issue.expression?.[0] ?? resourceType, message };
}

/**
 * The types of the resources nested inside a resource (contained resources; the entries of a
 * Bundle; the resources in Parameters), whose definitions the validator also needs.
 */
function nestedResourceTypes(resource: FhirResource): Set<string> {
  const types = new Set<string>();
  const contained = resource.contained;
  if (Array.isArray(contained)) {
    for (const item of contained as unknown[]) collectTypes(item, types, false);
  }
  if (resource.resourceType === 'Bundle' || resource.resourceType === 'Parameters') collectTypes(resource, types, true);
  return types;
}

function collectTypes(value: unknown, types: Set<string>, deep: boolean): void {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) collectTypes(item, types, deep);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const type = record.resourceType;
  if (typeof type === 'string') {
    types.add(type);
    if (type === 'Bundle' || type === 'Parameters') deep = true;
  }
  if (!deep) return;
  for (const key in record) collectTypes(record[key], types, deep);
}
