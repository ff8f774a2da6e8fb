import Database from 'better-sqlite3';
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installError, InternalError, UsageError } from '../errors.js';
import { assertRegularFile } from '../fileKind.js';
import { packageFile } from '../packageFiles.js';
import { storeProblem } from './storeProblem.js';

export type Db = Database.Database;

// The same from the sources and compiled (dist/src/store): see packageFiles.ts.
const packageRoot = fileURLToPath(packageFile(''));
const migrationsDir = join(packageRoot, 'db');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered migrations of db/ (`NNN_name.sql`), in order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .map((name) => ({ name, match: /^(\d{3})_[\w-]+\.sql$/.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map(({ name, match }) => ({
      version: Number(match![1]),
      name,
      sql: readFileSync(join(dir, name), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

export interface OpenOptions {
  /** The database must exist already (resume, status, report): a missing file is an error, not created. */
  mustExist?: boolean;
  /** Never write to the file (status, report); implies mustExist. See openForReading. */
  readOnly?: boolean;
}

/**
 * Opens a taskgroup database. For writing (creating it if needed): WAL so readers never block
 * the writer and a crash never corrupts it, synchronous=FULL so a committed run survives even a
 * power cut, a busy timeout so several processes can share one file, then pending migrations.
 * Every problem of the file or its disk (not an SQLite file, another program's database, a
 * read-only folder, a full disk) is a one-line UsageError naming `--db FILE`.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') assertDatabaseFiles(file);
  if ((options.mustExist || options.readOnly) && file !== ':memory:' && !existsSync(file)) {
    throw new UsageError(
      `--db ${file}: no such database (run \`taskgroup search\` first)`,
      'E_NOT_FOUND',
    );
  }
  assertSqliteBuilt();
  try {
    return options.readOnly ? openForReading(file) : openForWriting(file);
  } catch (error) {
    throw storeProblem(file, error);
  }
}

/**
 * Refuses a database path (or a -wal, -shm or -journal beside it) that is a FIFO, a device or a
 * folder before SQLite opens it: opening a FIFO waits for a writer forever, /dev/zero reads as an
 * endless file, and SQLite would create `/dev/null-journal` beside /dev/null.
 */
function assertDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    assertRegularFile(`--db ${file}${suffix}`, `${file}${suffix}`, 'E_STORE');
}

let sqliteBuilt = false;

/**
 * Loads better-sqlite3's native module once, through an in-memory database that needs nothing
 * else, so that a module never built (npm install --ignore-scripts, a Node upgrade since) is
 * told apart from a database file that cannot open. See installError for its exit code.
 * `search` calls it before reading its data, so a missing module costs no wait.
 */
export function assertSqliteBuilt(): void {
  if (sqliteBuilt) return;
  try {
    new Database(':memory:').close();
  } catch (error) {
    // The loaders' messages run over several lines ("Could not locate the bindings file. Tried: …").
    const reason = (error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      .replace(/\s*Tried:$/, '')
      .trim();
    throw installError(
      `the SQLite module better-sqlite3 is not built for this Node ${process.version} (${reason}); ` +
        `run \`npm rebuild better-sqlite3\` in ${packageRoot} (its install script builds it; npm skips it with --ignore-scripts)`,
    );
  }
  sqliteBuilt = true;
}

/**
 * Opens for writing. A file this call created and could not write a byte to (a full disk) is
 * removed again, so a failed search leaves no empty database behind.
 */
function openForWriting(file: string): Db {
  if (file !== ':memory:' && !existsSync(dirname(file)))
    throw new UsageError(`--db ${file}: no such folder ${dirname(file)}`, 'E_STORE');
  const created = file !== ':memory:' && !existsSync(file);
  if (!created && file !== ':memory:') assertWritable(file);
  const db = new Database(file, { timeout: 15_000 });
  try {
    // Before the first write (WAL mode is written into the file): never change another program's
    // database, nor write into a damaged one.
    if (checkVersion(db, file) === 0) assertOurs(db, file);
    if (!created) assertIntact(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    if (created && existsSync(file) && statSync(file).size === 0)
      for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
    throw error;
  }
}

/**
 * Opens a database for commands that only read (status, report) without writing or creating a
 * byte next to it. With no -wal file beside it, no process is writing it and the file alone is
 * the whole database: it is read into memory (SQLite reading in place would create the -wal and
 * -shm files, and cannot in a read-only folder). With a -wal file, a writer may be at work or
 * have left changes not yet in the file: it is read in place, read-only. A database of an older
 * schema is migrated in memory, never in the file.
 */
function openForReading(file: string): Db {
  if (!existsSync(`${file}-wal`)) {
    const bytes = readFileSync(file);
    // Checked again: a writer that started while the file was read may have changed it.
    if (!existsSync(`${file}-wal`)) return copyInMemory(bytes, file);
  }
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 15_000 });
  let current = false;
  try {
    assertIntact(db, file);
    current = checkVersion(db, file) === latestVersion();
    return current ? db : copyInMemory(db.serialize(), file);
  } finally {
    if (!current) db.close();
  }
}

/**
 * A database in memory from the bytes of one, migrated there. Header bytes 18 and 19 are 2 in a
 * WAL database; a database in memory has no WAL, so the copy says rollback journal (1).
 */
function copyInMemory(bytes: Buffer, file: string): Db {
  if (bytes.length >= 20 && bytes[18] === 2) bytes.fill(1, 18, 20);
  const db = bytes.length === 0 ? new Database(':memory:') : new Database(bytes);
  try {
    assertIntact(db, file);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Refuses an existing database this process may not write (a file made read-only, a read-only
 * file system) before SQLite opens it: SQLite would create the -wal and -shm files first, with
 * the file's read-only mode, and they would keep refusing after the user fixes the permissions.
 */
function assertWritable(file: string): void {
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UsageError(
        `--db ${file}: cannot write to it: the file or its folder is read-only`,
        'E_STORE',
      );
  }
}

/**
 * Refuses a damaged database (SQLite's quick check: every page, index and constraint it can check
 * without reading every row's index twice) before anything is written into it: a write into a
 * damaged file can spread the damage, and a search would fail later with half its state written.
 */
function assertIntact(db: Db, file: string): void {
  const verdict = String(db.pragma('quick_check(1)', { simple: true }));
  if (verdict !== 'ok')
    throw new UsageError(
      `--db ${file}: the database file is damaged (SQLite's check: ${verdict.split('\n')[0]}); use a backup or another --db`,
      'E_STORE',
    );
}

/**
 * The schema version of a taskgroup database (`PRAGMA user_version`, 0 for a new file). A negative
 * version was never written by taskgroup, and a newer one than this taskgroup knows cannot be read.
 */
function checkVersion(db: Db, file: string, latest = latestVersion()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current < 0)
    throw new UsageError(
      `--db ${file}: not a taskgroup database (its schema version is ${current})`,
      'E_STORE',
    );
  if (current > latest) {
    throw new UsageError(
      `--db ${file}: database schema v${current} is newer than this taskgroup understands (v${latest}); upgrade taskgroup`,
      'E_STORE',
    );
  }
  return current;
}

const latestVersion = (migrations = listMigrations()): number => migrations.at(-1)?.version ?? 0;

/** Refuses an SQLite database that holds tables but was never taskgroup's: no migration may write into it. */
function assertOurs(db: Db, file: string): void {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  if (tables.length === 0) return;
  const shown = tables
    .slice(0, 3)
    .map((name) => JSON.stringify(name))
    .join(', ');
  throw new UsageError(
    `--db ${file}: an SQLite database, but not taskgroup's (it holds ${shown}${tables.length > 3 ? ', …' : ''})`,
    'E_STORE',
  );
}

/** Applies every migration newer than the database's `user_version`, each in one transaction. */
export function migrate(db: Db, file: string, migrations = listMigrations()): void {
  const latest = latestVersion(migrations);
  const current = checkVersion(db, file, latest);
  for (const migration of migrations.filter((m) => m.version > current)) {
    // IMMEDIATE: two processes opening a fresh file at once must not both migrate.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= migration.version) return;
      if (now === 0) assertOurs(db, file);
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  if ((db.pragma('user_version', { simple: true }) as number) !== latest) {
    throw new InternalError(`--db ${file}: migrations did not reach schema v${latest}`);
  }
}
