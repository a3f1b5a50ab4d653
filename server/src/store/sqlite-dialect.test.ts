import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

interface TestDatabase {
  parents: { id: number; name: string };
  children: { id: number; parent: number; data: Uint8Array | null };
}

const dir = mkdtempSync(join(tmpdir(), 'carekey-dialect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NodeSqliteDialect', () => {
  let db: Kysely<TestDatabase>;
  let opened = 0;

  beforeEach(async () => {
    db = new Kysely<TestDatabase>({ dialect: new NodeSqliteDialect({ path: join(dir, `t${++opened}.sqlite`) }) });
    await db.schema
      .createTable('parents')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('children')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('parent', 'integer', (c) => c.notNull().references('parents.id'))
      .addColumn('data', 'blob')
      .execute();
  });

  afterEach(async () => {
    await db.destroy();
  });

  test("SELECTs return rows (the trap of kysely's own SqliteDialect)", async () => {
    await db
      .insertInto('parents')
      .values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ])
      .execute();
    expect(await db.selectFrom('parents').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
  });

  test('writes report affected rows; RETURNING returns rows', async () => {
    const inserted = await db.insertInto('parents').values({ id: 1, name: 'a' }).returning(['id', 'name']).executeTakeFirst();
    expect(inserted).toEqual({ id: 1, name: 'a' });
    const updated = await db.updateTable('parents').set({ name: 'z' }).where('id', '=', 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const deleted = await db.deleteFrom('parents').where('id', '=', 1).returning('name').executeTakeFirst();
    expect(deleted).toEqual({ name: 'z' });
  });

  test('BLOBs round-trip as Uint8Array', async () => {
    await db.insertInto('parents').values({ id: 1, name: 'a' }).execute();
    const data = new Uint8Array([0, 1, 2, 255]);
    await db.insertInto('children').values({ id: 1, parent: 1, data }).execute();
    const row = await db.selectFrom('children').select('data').executeTakeFirstOrThrow();
    expect(row.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(row.data ?? [])).toEqual([0, 1, 2, 255]);
  });

  test('runs in WAL mode with foreign keys enforced', async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    await expect(db.insertInto('children').values({ id: 1, parent: 99, data: null }).execute()).rejects.toThrow(/FOREIGN KEY/);
  });

  test('a failed transaction rolls back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('parents').values({ id: 1, name: 'a' }).execute();
        await trx.insertInto('parents').values({ id: 1, name: 'again' }).execute();
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom('parents').selectAll().execute()).toEqual([]);
  });

  test('concurrent transactions on the one connection take turns', async () => {
    await db.insertInto('parents').values({ id: 1, name: '0' }).execute();
    const increment = () =>
      db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('parents').select('name').where('id', '=', 1).executeTakeFirstOrThrow();
        await new Promise((resolve) => setImmediate(resolve));
        await trx
          .updateTable('parents')
          .set({ name: String(Number(row.name) + 1) })
          .where('id', '=', 1)
          .execute();
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect((await db.selectFrom('parents').select('name').executeTakeFirstOrThrow()).name).toBe('20');
  });

  test('streams SELECT rows', async () => {
    await db
      .insertInto('parents')
      .values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ])
      .execute();
    const names: string[] = [];
    for await (const row of db.selectFrom('parents').select('name').orderBy('id').stream()) names.push(row.name);
    expect(names).toEqual(['a', 'b']);
  });

  test('refuses parameters SQLite would mangle', async () => {
    await expect(sql`SELECT ${{ not: 'bindable' }} AS x`.execute(db)).rejects.toThrow(TypeError);
  });
});
