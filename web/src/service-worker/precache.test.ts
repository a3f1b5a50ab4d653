import { describe, expect, test } from 'vitest';
import { isRuntimeCacheable, precacheList, shouldPrecache } from './precache.ts';

describe('the precache', () => {
  test('holds the shell, the code, libsodium and the icons', () => {
    const files = [
      '_app/immutable/entry/start.Da99k-Rv.js',
      '_app/immutable/chunks/BEAYlHwO.js',
      '_app/immutable/workers/kdf.worker-B5Kgr3ih.js',
      '_app/immutable/assets/0.DQUXhudW.css',
      'icons/icon-192.png',
      'manifest.webmanifest',
    ].map((path) => ({ path }));
    expect(precacheList('/', files)).toEqual(['/', ...files.map((f) => `/${f.path}`)]);
  });

  test('leaves out the FHIR definitions and source maps', () => {
    for (const path of [
      '_app/immutable/assets/profiles-resources.g8K_Tuul.json',
      '_app/immutable/assets/profiles-types.BB-8CWT8.json',
      '_app/immutable/assets/profiles-others.abc.json',
      '_app/immutable/assets/valuesets.abc.json',
      '_app/immutable/chunks/BEAYlHwO.js.map',
    ]) {
      expect(shouldPrecache(path), path).toBe(false);
    }
    expect(precacheList('/', [{ path: '_app/immutable/assets/profiles-resources.g8K_Tuul.json' }])).toEqual(['/']);
  });

  test('the definitions are cached when first fetched instead', () => {
    expect(isRuntimeCacheable('/_app/immutable/assets/profiles-resources.g8K_Tuul.json')).toBe(true);
    expect(isRuntimeCacheable('/_app/immutable/chunks/BEAYlHwO.js.map')).toBe(false);
    expect(isRuntimeCacheable('/v1/vaults')).toBe(false);
  });
});
