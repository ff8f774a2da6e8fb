import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileProblem, UsageError } from '../../src/errors.js';
import { newOwner, openStore, passingStoreProblem, storeProblem } from '../../src/store/index.js';
import { currentState } from '../../src/store/searchSessions.js';
import { tempDir } from '../helpers/tempDir.js';

const search = (id: string) => ({ id, dataFile: 'd.csv', fingerprint: 'f', config: {} });
/** An owner string for a process id, as owner.ts writes it but without a start time (judged by the pid). */
const ownerOf = (pid: number) => `${hostname()}:${pid}::test`;

/** A process that lives until killed, and one that has already exited: their pids. */
async function livingAndDead(): Promise<{ living: ReturnType<typeof spawn>; deadPid: number }> {
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => dead.on('exit', resolve));
  const living = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  return { living, deadPid: dead.pid! };
}

test('#2 a search recorded running whose owner process is gone reads as interrupted, without a write', async () => {
  const { living, deadPid } = await livingAndDead();
  try {
    const store = openStore(join(tempDir(), 's.db'));
    store.searches.create(search('gone'), [], ownerOf(deadPid));
    store.searches.create(search('alive'), [], ownerOf(living.pid!));
    const changes = store.db.prepare('SELECT total_changes() AS n').pluck();
    const before = changes.get();
    assert.equal(store.searches.find('gone')!.status, 'interrupted');
    assert.equal(store.searches.find('gone')!.liveSince, null);
    assert.equal(store.searches.find('alive')!.status, 'running');
    assert.deepEqual(
      store.searches
        .list()
        .map((s) => [s.id, s.status])
        .sort(),
      [
        ['alive', 'running'],
        ['gone', 'interrupted'],
      ],
    );
    assert.equal(changes.get(), before, 'reading the state wrote nothing');
    assert.equal(
      store.db.prepare("SELECT status FROM searches WHERE id = 'gone'").pluck().get(),
      'running',
      'the stored column is untouched',
    );
    store.close();
  } finally {
    living.kill();
  }
});

test('#2 a search stays running while any process works on it: the first to stop does not mark it interrupted', async () => {
  const { living } = await livingAndDead();
  try {
    const store = openStore(join(tempDir(), 's.db'));
    const mine = newOwner();
    store.searches.create(search('s'), [], mine);
    store.searches.join('s', ownerOf(living.pid!)); // a second process resumes it
    store.searches.leave('s', mine, 'interrupted');
    assert.equal(
      store.searches.find('s')!.status,
      'running',
      'the other process still works on it',
    );
    living.kill();
    await new Promise((resolve) => living.on('exit', resolve));
    assert.equal(
      store.searches.find('s')!.status,
      'interrupted',
      'its last process died without leaving',
    );
    store.searches.join('s', mine);
    assert.equal(store.searches.find('s')!.status, 'running');
    store.searches.leave('s', mine, 'done');
    assert.equal(store.searches.find('s')!.status, 'done');
    store.close();
  } finally {
    living.kill();
  }
});

test('#2 the state now: done stays done, a live owner means running, no live owner turns running into interrupted', () => {
  const since = '2026-01-01T00:00:00.000Z';
  assert.equal(currentState('done', since), 'done');
  assert.equal(currentState('done', null), 'done');
  assert.equal(currentState('interrupted', since), 'running');
  assert.equal(currentState('running', null), 'interrupted');
  assert.equal(currentState('failed', null), 'failed');
  assert.equal(currentState('interrupted', null), 'interrupted');
});

test('#3 SQLite errors of the file or its disk become one line naming --db (exit 2); others stay ours', () => {
  const sqlite = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  const cases: [string, RegExp][] = [
    ['SQLITE_FULL', /^--db t\.db: the disk is full$/],
    ['SQLITE_IOERR_WRITE', /^--db t\.db: input\/output error/],
    [
      'SQLITE_READONLY_DIRECTORY',
      /^--db t\.db: cannot write to it: the file or its folder is read-only$/,
    ],
    ['SQLITE_READONLY', /^--db t\.db: cannot write to it/],
    ['SQLITE_NOTADB', /^--db t\.db: not a taskgroup database \(not an SQLite file\)$/],
    ['SQLITE_CORRUPT', /^--db t\.db: the database file is damaged/],
    ['SQLITE_BUSY', /^--db t\.db: locked by another process/],
  ];
  for (const [code, message] of cases) {
    const problem = storeProblem('t.db', sqlite(code));
    assert.ok(problem instanceof UsageError, code);
    assert.equal(problem.exitCode, 2);
    assert.match(problem.message, message);
  }
  const bug = sqlite('SQLITE_CONSTRAINT_PRIMARYKEY');
  assert.equal(storeProblem('t.db', bug), bug, 'a broken constraint is our bug: exit 1');
  const plain = new RangeError('no');
  assert.equal(storeProblem('t.db', plain), plain);
  assert.equal(passingStoreProblem(sqlite('SQLITE_FULL')), true);
  assert.equal(passingStoreProblem(sqlite('SQLITE_IOERR_WRITE')), true);
  assert.equal(
    passingStoreProblem(sqlite('SQLITE_CORRUPT')),
    false,
    'a damaged file does not pass',
  );
  assert.equal(passingStoreProblem(sqlite('SQLITE_NOTADB')), false);
});

test('#3 file-system errors (full disk, permission, a file where a folder should be) become one line naming what failed', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
  const cases: [string, string][] = [
    [
      'ENOSPC',
      '--out r.md: cannot write the report: no space left on the device (the disk is full)',
    ],
    ['EACCES', '--out r.md: cannot write the report: permission denied'],
    ['ENOTDIR', '--out r.md: cannot write the report: a part of the path is a file, not a folder'],
    ['EROFS', '--out r.md: cannot write the report: the file system is read-only'],
    ['EISDIR', '--out r.md: cannot write the report: is a folder, not a file'],
  ];
  for (const [code, message] of cases) {
    const problem = fileProblem('--out r.md', errno(code), 'write the report');
    assert.ok(problem instanceof UsageError, code);
    assert.equal(problem.exitCode, 2);
    assert.equal(problem.message, message);
  }
  assert.equal(
    fileProblem('--out r.md', new TypeError('bug')),
    undefined,
    'not a file-system error: left as it is',
  );
});
