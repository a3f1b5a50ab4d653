import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './csp.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('contentSecurityPolicy', () => {
  test('is strict: no unsafe-eval, no inline scripts, no framing, no plugins, no base', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("default-src 'self'");
  });

  test('allows the given inline script hashes', () => {
    expect(contentSecurityPolicy(["'sha256-abc'"])).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';");
  });
});

describe('inlineScriptHashes', () => {
  test('hashes inline scripts exactly as written, and skips external and empty ones', () => {
    const boot = '\n\t\t\t{ __sveltekit_x = { base: "" }; import("./_app/start.js"); }\n\t\t';
    const html = `<html><head><script type="module" src="/_app/a.js"></script><script src='/b.js'></script><script></script></head>
      <body><SCRIPT type="module">${boot}</SCRIPT><script>one()</script><script>one()</script></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(boot), sha256('one()')]);
  });

  test('a page without inline scripts has no hashes', () => {
    expect(inlineScriptHashes('<p>hello</p>')).toEqual([]);
  });
});
