import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// Real training on the wasm backend, kept small: 4 tasks, 1 seed, 1 epoch of 600 rows.
const dir = tempDir();
const data = join(dir, 'mini.csv');
execFileSync(process.execPath, [
  '--import',
  'tsx',
  'examples/generate.ts',
  '--rows',
  '900',
  '--seed',
  '3',
  '--out',
  data,
]);
const db = join(dir, 'e2e.db');
const args = [
  'search',
  '--data',
  data,
  '--tasks',
  'click,like,watch_time,purchase',
  '--budget',
  '2',
  '--db',
  db,
  '--seeds',
  '1',
  '--epochs',
  '1',
  '--min-steps',
  '0',
  '--rows',
  '600',
  '--batch-size',
  '128',
  '--workers',
  '2',
  '--backend',
  'wasm',
];

test('search --json trains every single and pair and prints the contract fields', async () => {
  const result = await runCli([...args, '--json']);
  assert.equal(result.code, 0, result.stderr);
  // No progress: only the data's warnings, one line each (item_id: 500 string levels, hashed).
  assert.deepEqual(
    result.stderr.split('\n').filter((line) => line !== ''),
    [
      'warning: feature "item_id" has more than 16 distinct values and is hashed into 32 shared buckets, where its values lose their identity: embed it (--embed item_id) to learn one vector per value',
    ],
    '--json keeps stderr free of progress',
  );
  const json = JSON.parse(result.stdout);
  assert.equal(json.status, 'done');
  assert.deepEqual(json.tasks, ['click', 'like', 'watch_time', 'purchase']);
  assert.equal(json.budget, 2);
  assert.ok(json.grouping.length >= 1 && json.grouping.length <= 2);
  assert.deepEqual(json.grouping.flat().sort(), ['click', 'like', 'purchase', 'watch_time']);
  assert.equal(typeof json.objective, 'number');
  assert.equal(json.perTask.length, 4);
  for (const row of json.perTask) {
    assert.ok(row.lossAlone > 0 && row.lossGrouped > 0);
    assert.ok(Math.abs(row.relativeLoss - row.lossGrouped / row.lossAlone) < 1e-9);
  }
  assert.equal(json.baselines.allSeparate, 1);
  assert.equal(typeof json.baselines.allTogether, 'number');
  assert.equal(json.transfer.matrix.length, 4);
  assert.equal(json.transfer.matrix[0][0], 0);
  // 4 singles + 6 pairs, one run (one seed) per group of three or more trained to verify it
  // (the all-in-one network among them), and the MMoE baseline's one run.
  const verified = json.verification.length + 1;
  assert.equal(json.baselines.mmoe.experts, 4);
  assert.equal(json.baselines.mmoe.measured, true);
  for (const group of json.grouping) {
    if (group.length >= 3)
      assert.ok(
        json.verification.some((v: { group: string[] }) => v.group.join() === group.join()),
      );
  }
  assert.deepEqual(json.runs, {
    total: 10 + verified,
    trained: 10 + verified,
    cached: 0,
    failed: 0,
  });
  assert.ok(
    json.perTask.every((row: { measured: boolean }) => row.measured),
    'every loss in the chosen grouping was measured',
  );
  assert.equal(
    json.facts.backend,
    kernelArena().build.name,
    'the kernels this machine runs (native or wasm)',
  );
  assert.equal(typeof json.elapsedSec, 'number');
});

test('the same search again is the same search, as stored; --new makes another that trains nothing', async () => {
  const firstRun = await runCli([...args, '--json']);
  const first = JSON.parse(firstRun.stdout);
  const result = await runCli(args);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stderr,
    new RegExp(
      `^search ${first.searchId} asked this question before \\(same data and study, done\\): its result as stored; --new`,
      'm', // after the data's warnings
    ),
  );
  assert.match(result.stdout, new RegExp(`^search ${first.searchId}: `));
  assert.equal((await runCli([...args, '--json'])).stdout, firstRun.stdout);
  const fresh = await runCli([...args, '--new', '--quiet']);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.doesNotMatch(fresh.stdout, new RegExp(`^search ${first.searchId}`));
  assert.match(fresh.stdout, new RegExp(`0 trained, ${first.runs.total} cached, 0 failed`));
  const again = JSON.parse((await runCli([...args, '--new', '--json'])).stdout);
  assert.equal(again.runs.trained, 0);
  assert.deepEqual(again.grouping, first.grouping);
  assert.equal(again.objective, first.objective);
  assert.deepEqual(again.transfer, first.transfer);
});

test('report renders the stored search as markdown and json, and status lists it', async () => {
  const listed = JSON.parse((await runCli(['status', '--db', db, '--json'])).stdout);
  assert.ok(listed.length >= 1);
  const id = listed[0].searchId;
  assert.equal(listed[0].status, 'done');
  const md = await runCli(['report', id, '--db', db, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /click/);
  const json = await runCli(['report', id, '--db', db, '--format', 'json']);
  assert.equal(JSON.parse(json.stdout).searchId, id);
  const out = join(dir, 'report.html');
  const html = await runCli(['report', id, '--db', db, '--format', 'html', '--out', out]);
  assert.equal(html.code, 0, html.stderr);
  assert.match(readFileSync(out, 'utf8'), /<html/i);
  const csv = await runCli([
    'report',
    id,
    '--db',
    db,
    '--format',
    'csv',
    '--out',
    join(dir, 'csv') + '/',
  ]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.ok(existsSync(join(dir, 'csv', 'groups.csv')));
});
