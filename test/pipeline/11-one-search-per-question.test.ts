import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { listSearches, withStore } from '../../src/pipeline/inspect.js';
import { runSearch, type SearchHooks } from '../../src/pipeline/runSearch.js';
import { toolVersion } from '../../src/version.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// One search per question: a search of the same data and study as one in the database is that
// search, unless `fresh` (--new) asks for one of its own.

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const configFor = (data: string, budget = '2') =>
  resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '2', workers: '2', budget });

/** Runs a search with a fake trainer of its own; what the trainer trained and the hooks heard. */
async function searched(
  data: string,
  db: string,
  options: { fresh?: boolean; budget?: string; hooks?: Partial<SearchHooks> } = {},
) {
  const trainer = fakeTrainer(clusters, { delayMs: 5 });
  const asked: { searchId: string; status: string; asStored: boolean }[] = [];
  const model = await runSearch(
    configFor(data, options.budget),
    db,
    {
      stop: { requested: false },
      trainer: () => trainer,
      onAskedBefore: (info) => asked.push(info),
      ...options.hooks,
    },
    { fresh: options.fresh },
  );
  return { model, trained: trainer.trained, asked };
}

const listed = (db: string) => withStore(db, (store) => listSearches(store));

test('a rerun of a finished search is that search, as stored: nothing trained, nothing written, listed once', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const first = await searched(data, db);
  const bytes = new Database(db, { readonly: true })
    .prepare('SELECT updated_at, result FROM searches')
    .all();
  const again = await searched(data, db);
  assert.equal(again.trained.length, 0);
  assert.deepEqual(again.model, first.model);
  assert.deepEqual(again.asked, [
    { searchId: first.model.searchId, status: 'done', asStored: true },
  ]);
  assert.deepEqual(
    new Database(db, { readonly: true }).prepare('SELECT updated_at, result FROM searches').all(),
    bytes,
  );
  const searches = listed(db);
  assert.deepEqual(
    searches.map((s) => [s.searchId, s.status, s.runs.done, s.runs.total]),
    [[first.model.searchId, 'done', first.model.runs.total, first.model.runs.total]],
  );
});

test('--new makes a search of its own, which finds every run cached', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const first = await searched(data, db);
  const fresh = await searched(data, db, { fresh: true });
  assert.notEqual(fresh.model.searchId, first.model.searchId);
  assert.deepEqual(fresh.asked, []);
  assert.equal(fresh.trained.length, 0);
  assert.equal(fresh.model.runs.cached, first.model.runs.total);
  assert.deepEqual(fresh.model.grouping, first.model.grouping);
  assert.equal(listed(db).length, 2);
});

test('a rerun of an interrupted search continues it: the same id, only the missing runs trained', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const stop = { requested: false };
  let stored = 0;
  await assert.rejects(
    searched(data, db, {
      hooks: { stop, onRunStored: () => void (++stored === 9 && (stop.requested = true)) },
    }),
    /interrupted/,
  );
  const [interrupted] = listed(db);
  assert.equal(interrupted.status, 'interrupted');
  const done = interrupted.runs.done;
  const again = await searched(data, db);
  assert.equal(again.model.searchId, interrupted.searchId);
  assert.deepEqual(again.asked, [
    { searchId: interrupted.searchId, status: 'interrupted', asStored: false },
  ]);
  assert.equal(again.trained.length, again.model.runs.total - done);
  const reference = await searched(smallCsv(tempDir()), join(tempDir(), 'r.db'));
  assert.deepEqual(again.model.grouping, reference.model.grouping);
  assert.equal(again.model.objective, reference.model.objective);
  assert.equal(listed(db).length, 1);
});

test('another study of the same data is another question; the same data moved elsewhere is the same one', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const first = await searched(data, db);
  const otherBudget = await searched(data, db, { budget: '3' });
  assert.notEqual(otherBudget.model.searchId, first.model.searchId);
  const moved = join(tempDir(), 'moved.csv');
  copyFileSync(data, moved);
  const again = await searched(moved, db);
  assert.equal(again.model.searchId, first.model.searchId);
  assert.equal(again.trained.length, 0);
  assert.equal(listed(db).length, 2);
});

test('a finished search whose result another taskgroup version stored is derived again by this one, training nothing', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const first = await searched(data, db);
  const raw = new Database(db);
  const stored = { ...first.model, facts: { ...first.model.facts, toolVersion: '0.0.1' } };
  raw.prepare('UPDATE searches SET result = ?').run(JSON.stringify(stored));
  raw.close();
  const again = await searched(data, db);
  assert.equal(again.model.searchId, first.model.searchId);
  assert.deepEqual(again.asked, [
    { searchId: first.model.searchId, status: 'done', asStored: false },
  ]);
  assert.equal(again.trained.length, 0);
  assert.equal(again.model.facts.toolVersion, toolVersion);
  assert.deepEqual(again.model.grouping, first.model.grouping);
  const [search] = listed(db);
  assert.equal(search.status, 'done');
});

test('--new reuses the path of a finished twin of this version, and replays one another version finished', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const first = await searched(data, db);
  // The rounds a search goes through: 0 alone when it takes a finished twin's whole plan.
  const roundsOf = async () => {
    const rounds = new Set<number>();
    const onProgress = (p: { stage: { round: number } }) => void rounds.add(p.stage.round);
    const { trained } = await searched(data, db, { fresh: true, hooks: { onProgress } });
    assert.equal(trained.length, 0);
    return Math.max(...rounds);
  };
  assert.equal(await roundsOf(), 0);
  // Both finished searches (the first and the --new one) as another version stored them.
  const raw = new Database(db);
  const stored = { ...first.model, facts: { ...first.model.facts, toolVersion: '0.0.1' } };
  raw.prepare('UPDATE searches SET result = ?').run(JSON.stringify(stored));
  raw.close();
  assert.ok((await roundsOf()) >= 1, 'verification replayed round by round');
});

test('two identical searches started at once make one search, and each run is trained once', async () => {
  const dir = tempDir();
  const db = join(dir, 'q.db');
  const data = smallCsv(dir);
  const [a, b] = await Promise.all([searched(data, db), searched(data, db)]);
  assert.equal(a.model.searchId, b.model.searchId);
  const trained = [...a.trained, ...b.trained];
  assert.equal(new Set(trained).size, trained.length, 'no run trained twice');
  assert.equal(trained.length, a.model.runs.total);
  assert.equal(listed(db).length, 1);
});
