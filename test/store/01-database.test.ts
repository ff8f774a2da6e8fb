import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { listMigrations } from '../../src/store/database.js';
import { tempDir } from '../helpers/tempDir.js';

test('a new database is in WAL mode at the latest schema version', () => {
  const file = join(tempDir(), 't.db');
  const store = openStore(file);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('user_version', { simple: true }), listMigrations().at(-1)!.version);
  store.close();
});

test('opening a database written by a newer taskgroup is a clear usage error', () => {
  const file = join(tempDir(), 'new.db');
  const raw = new Database(file);
  raw.pragma('user_version = 999');
  raw.close();
  assert.throws(
    () => openStore(file),
    (error: Error & { exitCode?: number }) => {
      assert.match(error.message, /schema v999 is newer than this taskgroup understands/);
      assert.equal(error.exitCode, 2);
      return true;
    },
  );
});

test('reopening an existing database keeps its contents and applies no migration twice', () => {
  const file = join(tempDir(), 'again.db');
  const first = openStore(file);
  first.searches.create(
    { id: 's1', dataFile: 'd.csv', fingerprint: 'f', config: { a: 1 } },
    [{ key: 'k1', tasks: [0], seed: 0 }],
    'host:1::test',
  );
  first.close();
  const second = openStore(file);
  assert.equal(second.searches.find('s1')?.dataFile, 'd.csv');
  assert.equal(second.searches.planned('s1').length, 1);
  second.close();
});

test('status and report on a database that does not exist say so instead of creating it', () => {
  const file = join(tempDir(), 'missing.db');
  assert.throws(() => openStore(file, { mustExist: true }), /no such database/);
});
