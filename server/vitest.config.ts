import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    // libsodium's WebAssembly must be loaded before any test touches @carekey/crypto.
    setupFiles: ['./src/test-setup.ts'],
  },
});
