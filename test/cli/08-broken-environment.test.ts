import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { resumeSearch, runSearch } from '../../src/pipeline/runSearch.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runsWithStatus } from '../helpers/database.js';
import {
  fileState,
  permissionsSkip,
  readableByAll,
  tinyDisk,
  unprivileged,
} from '../helpers/environment.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Broken environments, numbered as in the issue that listed the cases: a killed search, files
// that are not databases, read-only files and folders, a full disk, a damaged database. Each
// problem is one line naming the file (exit 2), and nothing a command only reads is written.
const dir = tempDir();
readableByAll(dir);
const data = smallCsv(dir);
readableByAll(data);
const clusters = [
  [0, 1, 2],
  [3, 4],
];
const config = resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '2', workers: '1' });
const fakeSearch = 'test/fixtures/env/fakeSearch.ts';

/** A finished search (fake trainer) in a fresh database file. */
async function finishedSearch(name: string): Promise<{ db: string; id: string }> {
  const db = join(dir, name);
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  return { db, id: model.searchId };
}

/**
 * A search's state and times, read with plain SQL. Not `readonly`: a read-only connection to a
 * WAL database leaves -wal and -shm files behind, a read-write one that only reads removes them.
 */
function searchRow(db: string, id: string): Record<string, unknown> {
  const conn = new Database(db, { fileMustExist: true });
  try {
    return conn
      .prepare('SELECT status, finished_at, updated_at, elapsed_sec FROM searches WHERE id = ?')
      .get(id) as Record<string, unknown>;
  } finally {
    conn.close();
  }
}

/** Exit 2, nothing on stdout, one line on stderr matching `message` (besides the data's warnings). */
function refused(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('warning: '));
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], message);
}

test('#2 a search killed with SIGKILL shows as interrupted, with the command that resumes it, and status and report write nothing', async () => {
  const db = join(dir, 'killed.db');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fakeSearch, data, db, '--delay', '250'],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  while (runsWithStatus(db, 'done') < 2 && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await exited;
  const conn = new Database(db, { readonly: true });
  const id = conn.prepare('SELECT id FROM searches').pluck().get() as string;
  conn.close();
  const before = fileState(db);

  const json = await runCli(['status', id, '--db', db, '--json']);
  const view = JSON.parse(json.stdout);
  assert.equal(view.status, 'interrupted');
  assert.equal(view.resume, `taskgroup resume ${id} --db ${db}`);
  assert.equal(view.etaSec, null);
  const human = await runCli(['status', id, '--db', db]);
  assert.match(human.stdout, new RegExp(`^search ${id}: interrupted$`, 'm'));
  assert.match(human.stdout, new RegExp(`^continue with: taskgroup resume ${id} --db ${db}$`, 'm'));
  assert.doesNotMatch(human.stdout, /s left/);
  assert.match((await runCli(['status', '--db', db])).stdout, new RegExp(`${id}\\s+interrupted`));
  const report = await runCli(['report', id, '--db', db, '--format', 'md']);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /This search is interrupted: \d+ of \d+ runs finished/);
  assert.match(report.stderr, new RegExp(`continue with: taskgroup resume ${id} --db ${db}`));

  assert.equal(fileState(db), before, 'status and report left the database file as it was');
  assert.equal(
    searchRow(db, id).status,
    'running',
    'the state is read, never written, by status and report',
  );
});

test("#3 a --db that is not an SQLite file, or another program's database: exit 2 naming it, the file untouched", async () => {
  const text = join(dir, 'notes.db');
  writeFileSync(text, 'these are notes, not a database\n');
  const foreign = join(dir, 'foreign.db');
  const other = new Database(foreign);
  other.exec('CREATE TABLE users (name TEXT)');
  other.close();
  for (const [file, message] of [
    [text, /not a taskgroup database \(not an SQLite file\)/],
    [foreign, /an SQLite database, but not taskgroup's \(it holds "users"\)/],
  ] as const) {
    const before = fileState(file);
    const commands = [
      ['search', '--data', data, '--tasks', 't0,t1', '--quiet'],
      ['status'],
      ['report', 'abc', '--format', 'md'],
      ['resume', 'abc', '--quiet'],
    ];
    const results = await Promise.all(commands.map((args) => runCli([...args, '--db', file])));
    for (const result of results)
      refused(result, new RegExp(`^taskgroup: --db ${file}: ${message.source}`));
    assert.equal(fileState(file), before);
  }
});

test('#3 a path through a file (ENOTDIR) for --data or --db is exit 2 naming the path', async () => {
  refused(
    await runCli([
      'search',
      '--data',
      `${data}/x.csv`,
      '--tasks',
      't0,t1',
      '--db',
      join(dir, 'x.db'),
    ]),
    /: cannot read the data file: a part of the path is a file, not a folder$/,
  );
  refused(
    await runCli(['search', '--data', data, '--tasks', 't0,t1', '--db', `${data}/x.db`]),
    new RegExp(`--db ${data}/x\\.db: a part of the path is a file, not a folder$`),
  );
});

test(
  '#3 a read-only database, an unwritable --out: exit 2 naming the file, nothing written',
  { skip: permissionsSkip },
  async () => {
    const { db } = await finishedSearch('readonly.db');
    chmodSync(db, 0o444);
    const before = fileState(db);
    const search = await runCli(
      ['search', '--data', data, '--tasks', 't0,t1', '--db', db, '--quiet'],
      unprivileged(),
    );
    refused(
      search,
      new RegExp(
        `^taskgroup: --db ${db}: cannot write to it: the file or its folder is read-only$`,
      ),
    );
    assert.equal(fileState(db), before);

    const { db: shared, id } = await finishedSearch('out.db');
    readableByAll(shared);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    for (const format of ['md', 'csv']) {
      const out = await runCli(
        ['report', id, '--db', shared, '--format', format, '--out', join(locked, 'r')],
        unprivileged(),
      );
      refused(
        out,
        new RegExp(
          `^taskgroup: --out ${locked}/r[\\w.-]*: cannot write the report: permission denied$`,
        ),
      );
    }
    assert.deepEqual(readdirSync(locked), [], 'no file, not even a partial one');
  },
);

test(
  '#3 status and report read a database in a read-only folder, and create nothing there',
  { skip: permissionsSkip },
  async () => {
    const { db, id } = await finishedSearch('to-copy.db');
    const folder = join(dir, 'read-only-folder');
    mkdirSync(folder);
    const copy = join(folder, 't.db');
    copyFileSync(db, copy);
    readableByAll(copy);
    chmodSync(folder, 0o555);
    const status = await runCli(['status', id, '--db', copy], unprivileged());
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`^search ${id}: done$`, 'm'));
    const report = await runCli(['report', id, '--db', copy, '--format', 'json'], unprivileged());
    assert.equal(report.code, 0, report.stderr);
    assert.equal(JSON.parse(report.stdout).searchId, id);
    assert.deepEqual(readdirSync(folder), ['t.db']);
  },
);

test('#3 a full disk: exit 2 naming --db or --out, no partial file; a search stopped by it resumes to the same result', async (t) => {
  const disk = join(dir, 'tiny-disk');
  const unmount = tinyDisk(disk, 8192);
  if (!unmount)
    return t.skip(
      'no tmpfs can be mounted here (needs root); the mapping of SQLITE_FULL and ENOSPC is tested in test/store',
    );
  try {
    // Mid-search, in a process of its own (as the CLI runs it): the disk fills after 4 runs are stored.
    const db = join(disk, 'full.db');
    const stopped = spawnSync(
      process.execPath,
      ['--import', 'tsx', fakeSearch, data, db, '--fill-disk-after', '4'],
      { encoding: 'utf8' },
    );
    assert.equal(stopped.status, 2, stopped.stderr);
    assert.match(
      stopped.stderr,
      new RegExp(
        `^--db ${db}: the disk is full; finished runs are saved, continue once fixed with: taskgroup resume \\w+ --db ${db}\n$`,
      ),
    );
    // Full, the disk refuses a new search and a report file alike, each naming its file.
    refused(
      await runCli([
        'search',
        '--data',
        data,
        '--tasks',
        't0,t1',
        '--db',
        join(disk, 'new.db'),
        '--quiet',
      ]),
      /--db .*new\.db: the disk is full$/,
    );
    assert.equal(existsSync(join(disk, 'new.db')), false, 'no empty database left behind');
    const id = /resume (\w+)/.exec(stopped.stderr)![1];
    assert.equal(
      JSON.parse((await runCli(['status', id, '--db', db, '--json'])).stdout).status,
      'interrupted',
    );
    refused(
      await runCli(['report', id, '--db', db, '--format', 'html', '--out', join(disk, 'r.html')]),
      /--out .*r\.html: cannot write the report: no space left on the device/,
    );
    assert.ok(!readdirSync(disk).some((name) => name.startsWith('r.html')), 'no partial report');

    rmSync(join(disk, 'filler'));
    const reference = await runSearch(config, join(dir, 'reference-full.db'), {
      stop: { requested: false },
      trainer: () => fakeTrainer(clusters),
    });
    const resumed = await resumeSearch(id, db, {
      stop: { requested: false },
      trainer: () => fakeTrainer(clusters),
    });
    assert.deepEqual(resumed.grouping, reference.grouping);
    assert.equal(resumed.objective, reference.objective);
    assert.equal(resumed.runs.total, reference.runs.total);
    assert.equal(resumed.runs.failed, 0);
  } finally {
    unmount();
  }
});

/** Overwrites the first page of table `table` with garbage, as a failing disk might. */
function damage(db: string, table: string): void {
  const conn = new Database(db);
  const page = conn
    .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .pluck()
    .get(table) as number;
  const size = conn.pragma('page_size', { simple: true }) as number;
  conn.close(); // checkpoints the WAL into the file
  const fd = openSync(db, 'r+');
  writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size);
  closeSync(fd);
}

test('#4 resume on a damaged database never turns a finished search into a running one', async () => {
  const { db, id } = await finishedSearch('damaged.db');
  const before = searchRow(db, id);
  damage(db, 'runs');
  const resumed = await runCli(['resume', id, '--db', db, '--json']);
  assert.ok(resumed.code === 0 || resumed.code === 2, resumed.stderr);
  assert.deepEqual(searchRow(db, id), before, 'state, times and finish unchanged');
  const status = await runCli(['status', id, '--db', db]);
  refused(status, new RegExp(`^taskgroup: --db ${db}: the database file is damaged`));
});

test('#10 resume of a finished search prints its result and rewrites nothing: finish time, elapsed time, file', async () => {
  const { db, id } = await finishedSearch('finished.db');
  const stored = await runCli(['report', id, '--db', db, '--format', 'json']);
  const row = searchRow(db, id);
  const before = fileState(db);
  await new Promise((r) => setTimeout(r, 20)); // a rewritten time would differ
  const resumed = await runCli(['resume', id, '--db', db, '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual(JSON.parse(resumed.stdout), JSON.parse(stored.stdout));
  assert.deepEqual(searchRow(db, id), row);
  assert.equal(fileState(db), before);
  await runCli(['status', id, '--db', db]);
  assert.equal(
    existsSync(`${db}-wal`) || existsSync(`${db}-shm`),
    false,
    'status creates no file beside the database',
  );
});
