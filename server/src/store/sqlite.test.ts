import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { relayStoreContract } from './contract.ts';
import { openSqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'carekey-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
relayStoreContract('sqlite', async () => openSqliteStore(join(dir, `relay-${++opened}.sqlite`)));
