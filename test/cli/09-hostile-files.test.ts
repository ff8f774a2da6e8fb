import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { fileState, permissionsSkip, readableByAll, unprivileged } from '../helpers/environment.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Hostile files, round 2, numbered as in the issue that listed them: what --out, --db, --config
// and --table name may be a FIFO, a device, a symbolic link, a folder, a damaged or read-only
// database. Nothing that is not a regular file is ever replaced, opened for reading or written
// beside; each refusal is one line naming the flag (exit 2).
const dir = tempDir();
readableByAll(dir);
const data = smallCsv(dir);
readableByAll(data);
const config = resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '1', workers: '1' });
const isRoot = process.getuid?.() === 0;

async function finishedSearch(name: string): Promise<{ db: string; id: string }> {
  const db = join(dir, name);
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () =>
      fakeTrainer([
        [0, 1, 2],
        [3, 4],
      ]),
  });
  return { db, id: model.searchId };
}

/** Exit 2, nothing on stdout, one line on stderr matching `message`. */
function refused(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], message);
}

const fifo = (name: string): string => {
  const path = join(dir, name);
  spawnSync('mkfifo', [path]);
  return path;
};

/** A character device of our own that reads as empty and swallows writes (as /dev/null), made where root may; undefined elsewhere. */
function privateNullDevice(name: string): string | undefined {
  const path = join(dir, name);
  if (!isRoot || spawnSync('mknod', [path, 'c', '1', '3']).status !== 0) return undefined;
  return path;
}

const { db: finished, id } = await finishedSearch('finished.db');
readableByAll(finished);
/** A FIFO no one writes to: opening it for reading would wait forever, so a test would time out. */
const pipe = fifo('no-writer.fifo');

test('#1 report --out through a symbolic link writes the file it points to; the link stays a link', async () => {
  const target = join(dir, 'target.md');
  const link = join(dir, 'link.md');
  symlinkSync('target.md', link);
  const result = await runCli(['report', id, '--db', finished, '--format', 'md', '--out', link]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is not replaced by a file');
  assert.match(readFileSync(target, 'utf8'), /^# Task grouping report/);
});

test('#1 report --out a FIFO writes into it, as a shell redirection does: the reader gets the report, the FIFO stays', async () => {
  const out = fifo('report.fifo');
  // The reader is a process of its own: a FIFO replaced by a file would leave it waiting, killed at the end.
  const reader = spawn('cat', [out], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  reader.stdout.on('data', (chunk) => (text += chunk));
  const read = new Promise<string>((resolve) => reader.on('exit', () => resolve(text)));
  const timer = setTimeout(() => reader.kill(), 30_000);
  const result = await runCli(['report', id, '--db', finished, '--format', 'json', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const got = await read;
  clearTimeout(timer);
  assert.equal(JSON.parse(got).searchId, id);
  assert.ok(lstatSync(out).isFIFO(), 'still a FIFO');
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.startsWith('report.fifo')),
    ['report.fifo'],
  );
});

test('#1 report --out a character device writes into it and leaves the device a device', async (t) => {
  const device = privateNullDevice('null-device');
  if (!device) return t.skip('making a device node needs root');
  const result = await runCli(['report', id, '--db', finished, '--format', 'md', '--out', device]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(lstatSync(device).isCharacterDevice(), 'still a character device');
});

test(
  '#1 report --out /dev/full, not as root: the disk is full (ENOSPC), not "permission denied"',
  { skip: permissionsSkip },
  async () => {
    const result = await runCli(
      ['report', id, '--db', finished, '--format', 'md', '--out', '/dev/full'],
      unprivileged(),
    );
    refused(
      result,
      /^taskgroup: --out \/dev\/full: cannot write the report: no space left on the device/,
    );
  },
);

test('#1 report --out a socket is refused in one line, before anything is written', async () => {
  const socket = join(dir, 'a.sock');
  const server = (await import('node:net')).createServer().listen(socket);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const result = await runCli([
      'report',
      id,
      '--db',
      finished,
      '--format',
      'md',
      '--out',
      socket,
    ]);
    refused(result, /--out .*a\.sock: is a socket; a report is written to a file/);
  } finally {
    server.close();
  }
});

test('#20 a CSV report whose third file would land on a folder writes none of its files', async () => {
  const out = join(dir, 'csv-out');
  mkdirSync(join(out, 'r-transfer.csv'), { recursive: true });
  const result = await runCli([
    'report',
    id,
    '--db',
    finished,
    '--format',
    'csv',
    '--out',
    `${out}/r`,
  ]);
  refused(result, /--out .*r-transfer\.csv: is a folder/);
  assert.deepEqual(readdirSync(out), ['r-transfer.csv'], 'no file written, not even the first');
});

test('#2 --db a FIFO, a device or a folder: status, report, search and resume refuse it at once, naming --db', async () => {
  const device = privateNullDevice('db-device');
  const paths = [pipe, dir, ...(device ? [device] : [])];
  for (const path of paths) {
    const kind = path === dir ? 'a folder' : path === pipe ? 'a FIFO' : 'a character device';
    for (const args of [
      ['status'],
      ['report', 'abc', '--format', 'md'],
      ['search', '--data', data, '--tasks', 't0,t1', '--quiet'],
      ['resume', 'abc', '--quiet'],
    ]) {
      const result = await runCli([...args, '--db', path], { timeoutMs: 20_000 });
      refused(result, new RegExp(`^taskgroup: --db ${path}: is ${kind}`));
    }
  }
  if (device) {
    const beside = readdirSync(dir).filter((name) => name.startsWith('db-device'));
    assert.deepEqual(beside, ['db-device'], 'no -journal, -wal or -shm beside the device');
  }
});

test('#2 --config and solve --table that are a FIFO, /dev/zero or a folder are refused at once, naming the flag', async () => {
  for (const path of [pipe, '/dev/zero', dir]) {
    const search = await runCli(
      ['search', '--data', data, '--tasks', 't0,t1', '--config', path, '--db', join(dir, 'c.db')],
      { timeoutMs: 20_000 },
    );
    refused(search, new RegExp(`^taskgroup: --config ${path}: is a .*, not a regular file$`));
    const solve = await runCli(['solve', '--table', path], { timeoutMs: 20_000 });
    refused(solve, new RegExp(`^taskgroup: --table ${path}: is a .*, not a regular file$`));
  }
  assert.equal(existsSync(join(dir, 'c.db')), false);
});

/** Overwrites the first page of table `table` with garbage, as a failing disk might. */
function damage(db: string, table: string): void {
  const conn = new Database(db);
  const page = conn
    .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .pluck()
    .get(table) as number;
  const size = conn.pragma('page_size', { simple: true }) as number;
  conn.close();
  const fd = openSync(db, 'r+');
  writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size);
  closeSync(fd);
}

test('#3 search on a damaged database refuses before writing a byte into it', async () => {
  const { db } = await finishedSearch('damaged.db');
  damage(db, 'runs');
  const before = fileState(db);
  // Other tasks: a data source the database does not know, which a search would remember first.
  const result = await runCli(['search', '--data', data, '--tasks', 't1,t2', '--db', db]);
  refused(result, new RegExp(`^taskgroup: --db ${db}: the database file is damaged`));
  assert.equal(fileState(db), before, 'the file and its -wal are as they were');
});

test('#18 a database whose schema version is negative is not a taskgroup database (exit 2), for every command', async () => {
  const { db } = await finishedSearch('negative.db');
  const raw = new Database(db);
  raw.pragma('user_version = -1');
  raw.close();
  const before = fileState(db);
  for (const args of [
    ['status'],
    ['report', id, '--format', 'md'],
    ['search', '--data', data, '--tasks', 't0,t1', '--quiet'],
    ['resume', id, '--quiet'],
  ]) {
    refused(
      await runCli([...args, '--db', db]),
      new RegExp(
        `^taskgroup: --db ${db}: not a taskgroup database \\(its schema version is -1\\)$`,
      ),
    );
  }
  assert.equal(fileState(db), before);
});

test(
  '#4 a read-only database refused by search leaves no -wal or -shm, and works once made writable',
  { skip: permissionsSkip },
  async () => {
    const { db: original, id: lockedId } = await finishedSearch('to-lock.db');
    // A folder the unprivileged user owns (so SQLite could create files in it), a file it may not write.
    const folder = join(dir, 'owned-folder');
    mkdirSync(folder);
    const db = join(folder, 'locked.db');
    copyFileSync(original, db);
    const as = unprivileged();
    if (as.uid !== undefined) {
      chownSync(folder, as.uid, as.gid!);
      chownSync(db, as.uid, as.gid!);
    }
    chmodSync(db, 0o444);
    const args = ['search', '--data', data, '--tasks', 't0,t1', '--db', db, '--quiet'];
    refused(await runCli(args, as), /cannot write to it: the file or its folder is read-only$/);
    assert.deepEqual(readdirSync(folder), ['locked.db'], 'nothing created beside it');
    chmodSync(db, 0o644);
    // resume opens the database for writing (and, the search being done, prints its result).
    const again = await runCli(['resume', lockedId, '--db', db, '--json'], as);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).searchId, lockedId);
  },
);

test('#2 a --config file read through a symbolic link still works (links are followed)', async () => {
  const real = join(dir, 'real-config.json');
  writeFileSync(real, JSON.stringify({ seeds: 1 }));
  const link = join(dir, 'config-link.json');
  symlinkSync(real, link);
  const search = await runCli([
    'search',
    '--data',
    data,
    '--tasks',
    't0,t1',
    '--config',
    link,
    '--db',
    join(dir, 'missing-folder', 'x.db'),
  ]);
  refused(search, /--db .*x\.db: no such folder/); // got past --config
});

test('a database whose tables or values were changed by hand is refused in one line naming --db (exit 2), not an internal error', async () => {
  const edited = async (name: string, sql: string) => {
    const { db } = await finishedSearch(name);
    const conn = new Database(db);
    conn.exec(sql);
    conn.close();
    return db;
  };
  const dropped = await edited('dropped.db', 'DROP TABLE search_sessions');
  for (const args of [['status'], ['report', id, '--format', 'md']])
    refused(
      await runCli([...args, '--db', dropped]),
      /not a taskgroup database this version can read \(SQLite: no such table: search_sessions\)/,
    );
  const losses = await edited('losses.db', "UPDATE runs SET losses = 'x'");
  const [{ searchId: lossesId }] = JSON.parse(
    (await runCli(['status', '--db', losses, '--json'])).stdout,
  );
  refused(
    await runCli(['status', lossesId, '--db', losses]),
    /: run \w+'s losses is damaged \(not the JSON taskgroup wrote\); use a backup or another --db$/,
  );
  const config = await edited('config.db', "UPDATE searches SET config = '{bad'");
  const listing = await runCli(['status', '--db', config]);
  assert.equal(listing.code, 0, listing.stderr);
  assert.match(listing.stdout, /unreadable/);
});
