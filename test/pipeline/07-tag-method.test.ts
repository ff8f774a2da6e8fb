import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { listSearches, withStore } from '../../src/pipeline/inspect.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { UsageError } from '../../src/errors.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir();

/** A CSV of `tasks` binary task columns t0.. and two features (values are irrelevant to fakes). */
function wideCsv(tasks: number): string {
  const file = join(dir, `wide${tasks}.csv`);
  const names = Array.from({ length: tasks }, (_, t) => `t${t}`);
  const lines = [['x1', 'x2', ...names].join(',')];
  for (let r = 0; r < 80; r++)
    lines.push(
      [r % 7, (r * 13) % 11, ...names.map((_, t) => String((r + t) % 3 === 0 ? 1 : 0))].join(','),
    );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const taskList = (n: number) => Array.from({ length: n }, (_, t) => `t${t}`).join(',');
/** 40 tasks in 8 planted clusters of 5 (a group of a cluster does 2 % better than its pairs). */
const clusters40 = Array.from({ length: 8 }, (_, c) =>
  Array.from({ length: 5 }, (_, k) => c * 5 + k),
);

test('a 40-task search with --method tag trains a tenth of the pairs, and finds the planted clusters on measured groups', async () => {
  const config = resolveSearchConfig({
    data: wideCsv(40),
    tasks: taskList(40),
    seeds: '2',
    workers: '1',
    backend: 'wasm',
    method: 'tag',
  });
  assert.equal(config.method, 'tag');
  const trainer = fakeTrainer(clusters40, { groupPenalty: 0.98 });
  const model = await runSearch(config, join(dir, 'forty.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  assert.equal(model.facts.method, 'tag');
  const planned = withStore(join(dir, 'forty.db'), (store) =>
    store.searches.planned(model.searchId),
  );
  const pairRuns = planned.filter((run) => run.tasks.length === 2).length;
  assert.ok(pairRuns > 0 && pairRuns <= 0.15 * 2 * 780, `${pairRuns} pair runs of 1,560`);
  assert.equal(planned.filter((run) => run.tasks.length === 1).length, 80);
  const allTasks = planned.filter((run) => run.tasks.length === 40);
  assert.ok(
    allTasks.filter((run) => !run.architecture).every((run) => run.affinity?.length === 1600),
    'the all-tasks runs store their affinity',
  );
  assert.deepEqual(
    allTasks.filter((run) => run.architecture).map((run) => [run.architecture, run.affinity]),
    [
      [{ name: 'mmoe', experts: 4 }, null],
      [{ name: 'mmoe', experts: 4 }, null],
    ],
    'the MMoE baseline, once per seed, measures no lookahead',
  );
  assert.deepEqual(
    [...model.grouping].map((g) => g.map((t) => Number(t.slice(1)))).sort((a, b) => a[0] - b[0]),
    clusters40,
  );
  assert.equal(model.objectiveKind, 'measured');
  assert.equal(model.certificate.basis, 'verified');
});

test('--method tag is refused before any data is read where it cannot work, naming the flag', () => {
  const file = wideCsv(5);
  const refused = (pattern: RegExp) => (error: Error & { exitCode?: number }) =>
    error instanceof UsageError && error.exitCode === 2 && pattern.test(error.message);
  assert.throws(
    () => resolveSearchConfig({ data: file, tasks: 't0,t1', method: 'tag' }),
    refused(/^--method tag: needs at least 3 tasks/),
  );
  assert.throws(
    () => resolveSearchConfig({ data: file, tasks: 't0,t1,t2', method: 'tag', exhaustive: true }),
    refused(/^--method tag: an exhaustive search/),
  );
  for (const backend of ['cpu', 'node', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-node']) {
    assert.throws(
      () => resolveSearchConfig({ data: file, tasks: 't0,t1,t2', method: 'tag', backend }),
      refused(new RegExp(`^--backend ${backend}: --method tag`)),
    );
  }
  for (const backend of ['auto', 'wasm', 'wasm-kernels', 'native-kernels']) {
    assert.equal(
      resolveSearchConfig({ data: file, tasks: 't0,t1,t2', method: 'tag', backend }).backend,
      backend,
    );
  }
  assert.throws(
    () => resolveSearchConfig({ data: file, tasks: 't0,t1,t2', method: 'pair' }),
    refused(/^--method must be one of/),
  );
  assert.throws(
    () => resolveSearchConfig({ data: 'no-such.csv', tasks: taskList(201) }),
    refused(/^--tasks lists 201 tasks; a search handles at most 200$/),
  );
  assert.equal(resolveSearchConfig({ data: file, tasks: 't0,t1,t2' }).method, 'pairs');
  assert.equal(
    resolveSearchConfig({ data: file, tasks: taskList(12) }).method,
    'pairs',
    'auto: pairs up to 12 tasks',
  );
  assert.equal(
    resolveSearchConfig({ data: file, tasks: taskList(13) }).method,
    'tag',
    'auto: tag above',
  );
});

test('a failed search in the database does not stop the listing of the others', async () => {
  const file = wideCsv(5);
  const db = join(dir, 'failed.db');
  const config = resolveSearchConfig({
    data: file,
    tasks: taskList(5),
    seeds: '1',
    workers: '1',
    backend: 'wasm',
  });
  const broken = {
    ...fakeTrainer([
      [0, 1, 2],
      [3, 4],
    ]),
    train: async () => {
      throw new UsageError('planted fatal error');
    },
  };
  await assert.rejects(
    runSearch(config, db, { stop: { requested: false }, trainer: () => broken }),
    /planted fatal error/,
  );
  const fine = await runSearch(
    config,
    db,
    {
      stop: { requested: false },
      trainer: () =>
        fakeTrainer([
          [0, 1, 2],
          [3, 4],
        ]),
    },
    { fresh: true },
  );
  const listed = withStore(db, (store) => listSearches(store));
  assert.equal(listed.length, 2);
  assert.equal(listed.find((v) => v.searchId !== fine.searchId)?.status, 'failed');
  assert.equal(listed.find((v) => v.searchId === fine.searchId)?.status, 'done');
});
