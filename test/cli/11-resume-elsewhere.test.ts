import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { binPath, runCli } from '../helpers/cli.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// `resume` from another folder and with a moved data file (#9), and the resume command printed
// so that it can be pasted into a shell as it is (#11), numbered as in the issue that listed them.
const dir = tempDir();
const elsewhere = join(dir, 'elsewhere');
mkdirSync(elsewhere);

/**
 * A search of t0,t1 stopped after its first stored run, its data given by a path relative to the
 * working folder (as a user types it), in a database at `db`. Returns its id and the error it
 * stopped with (which prints the resume command).
 */
async function stoppedSearch(db: string, name: string): Promise<{ id: string; message: string }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const data = smallCsv(folder, 400);
  const config = resolveSearchConfig({
    data: relative(process.cwd(), data),
    tasks: 't0,t1',
    seeds: '1',
    workers: '1',
  });
  const stop = { requested: false };
  const error = await runSearch(config, db, {
    stop,
    trainer: () => fakeTrainer([[0, 1]]),
    onRunStored: () => void (stop.requested = true),
  }).then(
    () => assert.fail('the search should have stopped'),
    (e: Error) => e,
  );
  const conn = new Database(db, { readonly: true });
  const id = conn.prepare('SELECT id FROM searches').pluck().get() as string;
  conn.close();
  return { id, message: error.message };
}

const statusOf = async (id: string, db: string, cwd?: string) =>
  JSON.parse((await runCli(['status', id, '--db', db, '--json'], { cwd })).stdout);

test('#9 a search records its data path absolute, shows it, and resumes from any folder', async () => {
  const db = join(dir, 'abs.db');
  const { id } = await stoppedSearch(db, 'abs');
  const view = await statusOf(id, db, elsewhere);
  assert.equal(view.dataFile, join(dir, 'abs', 'small.csv'));
  const human = await runCli(['status', id, '--db', db], { cwd: elsewhere });
  assert.match(human.stdout, new RegExp(`^data: ${view.dataFile}$`, 'm'));
  const resumed = await runCli(['resume', id, '--db', db, '--json', '--workers', '1'], {
    cwd: elsewhere,
  });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).status, 'done');
});

test('#9 a database that recorded a relative data path still resumes from its folder', async () => {
  const db = join(dir, 'old.db');
  const { id } = await stoppedSearch(db, 'old');
  const conn = new Database(db);
  conn.prepare('UPDATE searches SET data_file = ?').run('small.csv');
  conn.close();
  const resumed = await runCli(['resume', id, '--db', db, '--json', '--workers', '1'], {
    cwd: join(dir, 'old'),
  });
  assert.equal(resumed.code, 0, resumed.stderr);
});

test('#9 a moved data file: resume says how to name it, takes it with --data when its bytes are the same, refuses another file', async () => {
  const db = join(dir, 'moved.db');
  const { id } = await stoppedSearch(db, 'moved');
  const moved = join(elsewhere, 'moved-here.csv');
  renameSync(join(dir, 'moved', 'small.csv'), moved);
  const lost = await runCli(['resume', id, '--db', db, '--quiet']);
  assert.equal(lost.code, 2);
  assert.match(
    lost.stderr,
    new RegExp(
      `^taskgroup: search ${id} reads .*small\\.csv, which is not there; if the file moved, continue with: taskgroup resume ${id} --db ${db} --data NEW_PATH\n$`,
    ),
  );
  const other = join(elsewhere, 'other.csv');
  copyFileSync(moved, other);
  spawnSync('sh', ['-c', `echo '1,2,red,0,1,0,1,0' >> '${other}'`]);
  const wrong = await runCli(['resume', id, '--db', db, '--data', other, '--quiet']);
  assert.equal(wrong.code, 2);
  assert.match(
    wrong.stderr,
    new RegExp(
      `^taskgroup: --data ${other}: not the data search ${id} started with \\(its bytes differ: fingerprint \\w+ ≠ \\w+\\)\n$`,
    ),
  );
  const right = await runCli([
    'resume',
    id,
    '--db',
    db,
    '--data',
    moved,
    '--json',
    '--workers',
    '1',
  ]);
  assert.equal(right.code, 0, right.stderr);
  assert.equal((await statusOf(id, db)).dataFile, moved, 'the new place is recorded');
});

test('#11 the resume command is printed shell-quoted, and works pasted into a shell as printed', async () => {
  const spaced = join(dir, 'sp ace');
  mkdirSync(spaced);
  const db = join(spaced, "k 2's.db");
  const { id, message } = await stoppedSearch(db, 'quoted');
  const quoted = `"${db}"`; // shell-quote writes a path with a single quote in double quotes
  assert.ok(message.endsWith(`Continue with: taskgroup resume ${id} --db ${quoted}`), message);
  const view = await statusOf(id, db);
  assert.equal(view.resume, `taskgroup resume ${id} --db ${quoted}`);
  const command = (view.resume as string).replace(
    /^taskgroup/,
    `'${process.execPath}' '${binPath}'`,
  );
  const pasted = spawnSync('sh', ['-c', `${command} --json --workers 1`], { encoding: 'utf8' });
  assert.equal(pasted.status, 0, pasted.stderr);
  assert.equal(JSON.parse(pasted.stdout).searchId, id);
});
