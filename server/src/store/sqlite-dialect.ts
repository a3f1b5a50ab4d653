/**
 * A kysely dialect over Node's built-in `node:sqlite` (`DatabaseSync`): no native build at all.
 *
 * kysely's own `SqliteDialect` expects better-sqlite3's API; given a `DatabaseSync` it returns
 * `[]` for every SELECT, because it asks `stmt.reader`, which node:sqlite does not have
 * (TOOLCHAIN.md). Here a statement is a reader when it has result columns
 * (`stmt.columns().length > 0`, which also covers `RETURNING`), and parameters are spread into
 * `all`/`run`/`iterate`.
 *
 * One process holds one connection. Because kysely awaits between the statements of a
 * transaction, connections are handed out one at a time (a FIFO lock), and transactions begin
 * with `BEGIN IMMEDIATE` so a writer takes the write lock up front. The database runs in WAL
 * mode with foreign keys on and a busy timeout. `secure_delete` is on: deleted rows are overwritten
 * with zeros rather than left in free space, so an envelope the relay removed (one a re-encryption
 * replaced) is not in a later copy of the database file (the store also truncates the write-ahead
 * log after a removal: see `removeEnvelopes` in sql.ts). BLOBs come back as `Uint8Array`.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** Where the database lives and how long a writer waits for a lock held by another process. */
export interface NodeSqliteDialectConfig {
  /** A file path, or `:memory:`. */
  readonly path: string;
  /** Milliseconds to wait for a lock before failing with SQLITE_BUSY (default 5000). */
  readonly busyTimeoutMs?: number;
}

/**
 * The kysely dialect for `node:sqlite`.
 *
 * @example
 * const db = new Kysely<RelayDatabase>({ dialect: new NodeSqliteDialect({ path: 'data/relay.sqlite' }) });
 */
export class NodeSqliteDialect implements Dialect {
  readonly #config: NodeSqliteDialectConfig;

  constructor(config: NodeSqliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new NodeSqliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Hands out the one connection to one user at a time, in arrival order. */
class ConnectionLock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

class NodeSqliteDriver implements Driver {
  readonly #config: NodeSqliteDialectConfig;
  readonly #lock = new ConnectionLock();
  #db: DatabaseSync | undefined;
  #connection: NodeSqliteConnection | undefined;

  constructor(config: NodeSqliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const db = new DatabaseSync(this.#config.path);
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA secure_delete = ON;
      PRAGMA busy_timeout = ${Math.trunc(this.#config.busyTimeoutMs ?? 5000)};
    `);
    this.#db = db;
    this.#connection = new NodeSqliteConnection(db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    if (!this.#connection) {
      this.#lock.release();
      throw new Error('the SQLite driver is not initialised (or already destroyed)');
    }
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async destroy(): Promise<void> {
    this.#connection = undefined;
    this.#db?.close();
    this.#db = undefined;
  }
}

/** Converts a kysely parameter to a value node:sqlite binds, refusing what it would mangle. */
function toSqlite(value: unknown): SQLInputValue {
  if (value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`cannot bind a ${value === undefined ? 'undefined' : typeof value} parameter to SQLite`);
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#db.prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters.map(toSqlite);
    if (statement.columns().length > 0) {
      // Rows are plain objects keyed by column name; the query builder typed them.
      return { rows: statement.all(...parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#db.prepare(compiledQuery.sql);
    for (const row of statement.iterate(...compiledQuery.parameters.map(toSqlite))) {
      yield { rows: [row as R] };
    }
  }
}
