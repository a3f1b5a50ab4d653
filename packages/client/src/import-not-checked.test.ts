/**
 * When the importer could not load its checking rules (a first import made offline), the
 * client's import report says so once, in the importer's plain words.
 */
import { expect, test, vi } from 'vitest';
import { peekStatement } from '@carekey/protocol';
import { ready } from '@carekey/crypto';
import type * as RecordPackage from '@carekey/record';
import { CarekeyClient } from './client.ts';
import { MemoryStorage } from './storage/memory.ts';
import type { RelayTransport } from './transport/http.ts';

const NOTICE = 'These records could not be checked on this device.';
vi.mock('@carekey/record', async (original) => {
  const actual = await original<typeof RecordPackage>();
  return {
    ...actual,
    parseImport: async (...args: Parameters<typeof actual.parseImport>) => ({ ...(await actual.parseImport(...args)), notChecked: NOTICE }),
  };
});

await ready();

test('the import report carries the notice that nothing could be checked', async () => {
  const target: Record<string, unknown> = {
    baseUrl: 'http://relay.invalid',
    register: async (request: { card: Parameters<typeof peekStatement>[0] }) => ({
      account: (peekStatement(request.card) as { account: string }).account,
      session: { token: 'token', expiresAt: Date.now() + 3_600_000 },
    }),
  };
  // A relay that accepts the sign-up and is offline for everything else.
  const relay = new Proxy(target, {
    get: (t, name) =>
      name in t
        ? t[name as string]
        : async () => {
            throw new TypeError('fetch failed');
          },
  }) as unknown as RelayTransport;
  const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay });
  await client.signUp({ name: 'Offline Patient', passphrase: 'offline passphrase for tests' });
  const report = await client.importRecord(JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'Pulse' } }));
  expect(report.notChecked).toBe(NOTICE);
  client.lock();
  // The first import in a process loads the FHIR definitions: seconds on a busy machine.
}, 30_000);
