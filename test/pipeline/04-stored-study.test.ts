import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunChoices } from '../../src/config/runChoices.js';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { listSearches, loadReport, searchStatus, withStore } from '../../src/pipeline/inspect.js';
import { resumeSearch, runSearch } from '../../src/pipeline/runSearch.js';
import { KERNELS_IDENTITY } from '../../src/proxy/trainers/index.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const dir = tempDir();
const config = resolveSearchConfig({
  data: smallCsv(dir),
  tasks: 't0,t1,t2,t3,t4',
  seeds: '2',
  workers: '1',
  backend: 'wasm',
});
let count = 0;

/** A search stopped after 9 runs, in a fresh database: its file and id. */
async function interruptedSearch(): Promise<{ db: string; id: string }> {
  const db = join(dir, `s${count++}.db`);
  const stop = { requested: false };
  let stored = 0;
  const onRunStored = () => void (++stored === 9 && (stop.requested = true));
  await assert.rejects(
    runSearch(config, db, { stop, trainer: () => fakeTrainer(clusters), onRunStored }),
  );
  return { db, id: withStore(db, (store) => store.searches.list()[0].id) };
}

/** Reads and rewrites the stored record of a search with plain SQL. */
function editRecord(
  db: string,
  id: string,
  edit: (record: Record<string, unknown>) => unknown,
  userVersion?: number,
): void {
  const raw = new Database(db);
  const row = raw.prepare('SELECT config FROM searches WHERE id = ?').get(id) as { config: string };
  raw
    .prepare('UPDATE searches SET config = ? WHERE id = ?')
    .run(JSON.stringify(edit(JSON.parse(row.config))), id);
  if (userVersion !== undefined) raw.pragma(`user_version = ${userVersion}`);
  raw.close();
}

test("a search stores its study without the machine's choices", async () => {
  const { db, id } = await interruptedSearch();
  editRecord(db, id, (record) => {
    assert.equal(record.version, 5);
    assert.deepEqual(Object.keys(record), ['version', 'study', 'dataset', 'trainer']);
    assert.equal(
      record.trainer,
      KERNELS_IDENTITY,
      "the kernels' numbers, whichever build trained them",
    );
    const study = record.study as Record<string, unknown>;
    assert.equal('workers' in study || 'backend' in study, false);
    assert.deepEqual(study.tasks, config.tasks);
    return record;
  });
});

test('a database from before the study was stored apart is migrated: it reports the same and resumes', async () => {
  const { db, id } = await interruptedSearch();
  const before = withStore(db, (store) => loadReport(store, id));
  // As taskgroup wrote it at schema v1: the resolved config, workers and backend included.
  editRecord(
    db,
    id,
    ({ study, dataset }) => ({
      config: { ...(study as object), workers: 1, backend: 'wasm' },
      dataset,
    }),
    1,
  );
  assert.deepEqual(
    withStore(db, (store) => loadReport(store, id)),
    before,
  );
  // status and report read a migrated copy in memory: the file is still as v1 wrote it.
  editRecord(db, id, (record) => {
    assert.equal(record.version, undefined);
    return record;
  });
  const resumed = await resumeSearch(id, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  editRecord(db, id, (record) => {
    assert.equal(record.version, 2);
    assert.equal('workers' in (record.study as object), false);
    return record;
  });
  const fresh = await runSearch(config, join(dir, `fresh${count++}.db`), {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  assert.deepEqual(resumed.grouping, fresh.grouping);
  assert.equal(resumed.objective, fresh.objective);
});

test("resume runs with the workers and backend it is given, or this machine's defaults, not the stored ones", async () => {
  const { db, id } = await interruptedSearch();
  const seen: RunChoices[] = [];
  const trainer = (choices: RunChoices) => {
    seen.push(choices);
    return fakeTrainer(clusters, { delayMs: 1 });
  };
  const stop = { requested: false };
  await assert.rejects(
    resumeSearch(
      id,
      db,
      { stop, trainer, onRunStored: () => void (stop.requested = true) },
      { workers: 3, backend: 'wasm-kernels' },
    ),
  );
  await resumeSearch(id, db, { stop: { requested: false }, trainer });
  assert.deepEqual(seen, [
    { workers: 3, backend: 'wasm-kernels' },
    { workers: Math.max(1, availableParallelism()), backend: 'auto' },
  ]);
});

test("resume refuses a trainer whose numbers differ from the stored runs', before anything trains", async () => {
  const { db, id } = await interruptedSearch();
  let started = false;
  const trainer = () => {
    started = true;
    return fakeTrainer(clusters);
  };
  await assert.rejects(
    resumeSearch(id, db, { stop: { requested: false }, trainer }, { workers: 1, backend: 'cpu' }),
    (error: Error & { exitCode?: number }) =>
      error.exitCode === 2 &&
      /^--backend cpu computes other numbers than the search's runs \(kernels\)/.test(
        error.message,
      ),
  );
  assert.equal(started, false);
});

test('a study written by a newer taskgroup is refused with exit 2, naming the database and the search', async () => {
  const { db, id } = await interruptedSearch();
  editRecord(db, id, (record) => ({ ...record, version: 6 }));
  const newer = new RegExp(
    `^--db ${db}: search ${id}: stored by a newer taskgroup \\(study version 6, this one reads 5\\); upgrade taskgroup$`,
  );
  const refused = (error: Error & { exitCode?: number }) =>
    newer.test(error.message) && error.exitCode === 2;
  assert.throws(() => withStore(db, (store) => loadReport(store, id)), refused);
  assert.throws(() => withStore(db, (store) => searchStatus(store, id)), refused);
  await assert.rejects(
    resumeSearch(id, db, { stop: { requested: false }, trainer: () => fakeTrainer(clusters) }),
    refused,
  );
});

test('a stored study out of shape is refused, naming the field', async () => {
  const { db, id } = await interruptedSearch();
  editRecord(db, id, (record) => ({ ...record, study: { ...(record.study as object), seeds: 0 } }));
  assert.throws(
    () => withStore(db, (store) => loadReport(store, id)),
    (error: Error & { exitCode?: number }) =>
      error.exitCode === 2 &&
      error.message ===
        `--db ${db}: search ${id}: the stored study is not valid: study.seeds must be a positive integer (got 0)`,
  );
});

test('a listing of every search goes on past one it cannot read, and says why', async () => {
  const { db, id } = await interruptedSearch();
  const other = await runSearch(
    config,
    db,
    { stop: { requested: false }, trainer: () => fakeTrainer(clusters) },
    { fresh: true },
  );
  editRecord(db, id, (record) => ({ ...record, version: 6 }));
  const listed = withStore(db, (store) => listSearches(store));
  assert.deepEqual(listed.map((v) => v.searchId).sort(), [id, other.searchId].sort());
  const broken = listed.find((v) => v.searchId === id)!;
  assert.match(
    broken.error ?? '',
    /stored by a newer taskgroup \(study version 6, this one reads 5\)/,
  );
  const fine = listed.find((v) => v.searchId === other.searchId)!;
  assert.equal(fine.error, undefined);
  assert.equal(fine.status, 'done');
});
