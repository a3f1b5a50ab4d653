import { describe, expect, test } from 'vitest';
import { ENTRY_UUID_NAMESPACE, URL_NAMESPACE, entryUrn, uuidV5 } from './uuid.ts';

describe('name-based UUIDs', () => {
  test('match RFC 9562 version 5 (known answers)', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    // Python's uuid.uuid5(NAMESPACE_URL, …), for a long name spanning several SHA-1 blocks.
    expect(uuidV5('é'.repeat(100), URL_NAMESPACE)).toBe('a0117772-3f65-5000-8229-6803b8fe27df');
    expect(uuidV5('https://carekey.app/ns/entry', URL_NAMESPACE)).toBe(ENTRY_UUID_NAMESPACE);
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });

  test('an entry always gets the same urn:uuid, different entries different ones', () => {
    const id = '0f'.repeat(16);
    expect(entryUrn(id)).toBe(entryUrn(id));
    expect(entryUrn(id)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entryUrn(id)).not.toBe(entryUrn('0e'.repeat(16)));
    expect(entryUrn(id)).not.toContain(id);
    expect(entryUrn(id, URL_NAMESPACE)).not.toBe(entryUrn(id));
  });
});
