import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError, UsageError } from '../errors.js';
import { packageFile } from '../packageFiles.js';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(packageFile('db/'));

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

/**
 * Opens (creating if needed) a taskgroup database: WAL so readers never block the writer and a
 * crash never corrupts it, synchronous=FULL so a committed run survives even a power cut, a
 * busy timeout so several processes can share one file, then applies pending migrations.
 */
export function openDatabase(file: string, options: { mustExist?: boolean } = {}): Db {
  if (options.mustExist && file !== ':memory:' && !existsSync(file)) {
    throw new UsageError(`--db ${file}: no such database (run \`taskgroup search\` first)`, 'E_NOT_FOUND');
  }
  let db: Db;
  try {
    db = new Database(file, { timeout: 15_000 });
  } catch (error) {
    throw missingDriver(error) ?? new UsageError(`--db ${file}: cannot open database: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, file);
  return db;
}

/**
 * better-sqlite3 loads its compiled driver when the first database opens. An install that skipped
 * its build script (npm 12 runs a dependency's install script only once approved; `npm install
 * --ignore-scripts`), or a driver built for another Node, is an environment problem with a known
 * fix: one line that says it, instead of the list of paths the loader tried.
 */
function missingDriver(error: unknown): UsageError | undefined {
  const message = error instanceof Error ? error.message : '';
  const why = /Could not locate the bindings file/.test(message)
    ? 'is not built (its install script did not run)'
    : /NODE_MODULE_VERSION|was compiled against a different Node/.test(message) ? `was built for another Node than ${process.version}` : undefined;
  if (why === undefined) return undefined;
  return new UsageError(`the SQLite driver (better-sqlite3) ${why}: run \`npm rebuild better-sqlite3\` where taskgroup is installed ` +
    '(npm 12: approve its script first with `npm install-scripts approve better-sqlite3`)', 'E_STORE');
}

/** Applies every migration newer than the database's `user_version`, each in one transaction. */
export function migrate(db: Db, file: string, migrations = listMigrations()): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new UsageError(
      `--db ${file}: database schema v${current} is newer than this taskgroup understands (v${latest}); upgrade taskgroup`,
      'E_STORE',
    );
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    // IMMEDIATE: two processes opening a fresh file at once must not both migrate.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  if ((db.pragma('user_version', { simple: true }) as number) !== latest) {
    throw new InternalError(`--db ${file}: migrations did not reach schema v${latest}`);
  }
}
