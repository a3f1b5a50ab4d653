/**
 * Looks for plaintext in what the relay stored: the SQLite database files (main file, WAL and
 * shared memory) byte by byte, or every row of every table in a PostgreSQL database. A marker is
 * searched as UTF-8 and as UTF-16LE, and in base64/base64url forms of its UTF-8 bytes at every
 * alignment, so an encoding cannot hide it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

function forms(marker: string): string[] {
  const utf8 = Buffer.from(marker, 'utf8');
  const out = [marker, Buffer.from(marker, 'utf16le').toString('latin1')];
  // base64 of the marker at each of the three byte alignments, trimmed to the stable middle.
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = Buffer.concat([Buffer.alloc(shift), utf8]);
    const b64 = padded.toString('base64');
    const stable = b64.slice(Math.ceil((shift * 4) / 3) + 1, Math.floor((padded.length * 4) / 3) - 1);
    if (stable.length >= 8) out.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** The markers found in `haystack` (a latin1 view of bytes). */
export function findMarkers(haystack: string, markers: readonly string[]): string[] {
  return markers.filter((marker) => forms(marker).some((form) => haystack.includes(form)));
}

/** Every file of the relay's SQLite database in `dataDir`, concatenated as latin1. */
export function readSqliteFiles(dataDir: string): string {
  const files = readdirSync(dataDir).filter((f) => f.startsWith('relay.sqlite'));
  if (!files.includes('relay.sqlite')) throw new Error(`no relay.sqlite in ${dataDir}`);
  return files.map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('\n');
}

/** Every row of every table of a PostgreSQL database, as text (bytea as raw bytes). */
export async function dumpPostgres(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schemaname: string; tablename: string }>(
      "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    if (tables.rows.length === 0) throw new Error('no tables to scan');
    let out = '';
    for (const { schemaname, tablename } of tables.rows) {
      const rows = await client.query({ text: `SELECT * FROM "${schemaname}"."${tablename}"`, rowMode: 'array' });
      for (const row of rows.rows as unknown[][]) {
        for (const cell of row) out += (Buffer.isBuffer(cell) ? cell.toString('latin1') : JSON.stringify(cell)) + '\n';
      }
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Creates a fresh PostgreSQL database next to the one in `DATABASE_URL`; returns its URL and a drop. */
export async function freshPostgresDatabase(baseUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
