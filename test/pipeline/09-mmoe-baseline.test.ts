import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSearchConfig, type SearchFlags } from '../../src/config/searchConfig.js';
import { withStore } from '../../src/pipeline/inspect.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { searchSummary } from '../../src/cli/summary.js';
import { findFormat } from '../../src/report/index.js';
import type { ReportModel } from '../../src/report/model.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Group or gate: every shared-bottom search trains one MMoE over every task per seed beside its
// runs, and compares it seed by seed with the chosen grouping. The fake trainer plants how good
// the MMoE is: the shared bottom's losses of the same tasks times `mmoe`.

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const configFor = (data: string, extra: Partial<SearchFlags> = {}) =>
  resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '3', workers: '2', ...extra });

async function searched(mmoe: number, extra: Partial<SearchFlags> = {}) {
  const dir = tempDir();
  const trainer = fakeTrainer(clusters, { mmoe });
  const db = join(dir, 't.db');
  const model = await runSearch(configFor(smallCsv(dir), extra), db, {
    stop: { requested: false },
    trainer: () => trainer,
  });
  return { model, trainer, db, dir };
}

const rendered = (model: ReportModel, format: string): string =>
  findFormat(format)!
    .render(model)
    .map((file) => file.content)
    .join('\n');

const GATE_LINE =
  /^one MMoE over all 5 tasks is \d+\.\d\d % better than the best grouping \(± \d+\.\d\d %\): consider experts instead of separate networks$/;

test('a default search trains one MMoE over every task per seed and reports it as baselines.mmoe', async () => {
  const { model, trainer } = await searched(1);
  const mmoeRuns = trainer.specs.filter((spec) => spec.architecture);
  assert.deepEqual(
    mmoeRuns.map((spec) => [spec.tasks, spec.seed, spec.architecture]),
    [0, 1, 2].map((seed) => [[0, 1, 2, 3, 4], seed, { name: 'mmoe', experts: 4 }]),
  );
  const m = model.baselines.mmoe!;
  assert.deepEqual(
    { measured: m.measured, experts: m.experts, paired: m.paired, better: m.better },
    { measured: true, experts: 4, paired: true, better: false },
  );
  // Planted: the MMoE's losses are the all-in-one network's, up to a seed wobble.
  assert.ok(Math.abs(m.objective! - model.baselines.allTogether) < 0.005, `${m.objective}`);
  assert.ok(m.stderr! > 0 && m.stderr! < 0.005);
  assert.ok(m.difference! > 0.03, 'worse than the planted clusters');
  assert.ok(!model.noise.advice.some((line) => GATE_LINE.test(line)));
  const json = JSON.parse(rendered(model, 'json'));
  assert.deepEqual(Object.keys(json.baselines.mmoe).slice(0, 4), [
    'objective',
    'stderr',
    'measured',
    'experts',
  ]);
});

test('the MMoE baseline is read apart from the all-in-one network over the same tasks', async () => {
  // An MMoE twice as bad as anything: were its runs taken for the all-in-one network, all
  // together would be near 2 and the estimate's error model would shift.
  const withBaseline = (await searched(2)).model;
  const without = (await searched(2, { mmoeBaseline: false })).model;
  assert.ok(withBaseline.baselines.mmoe!.objective! > 1.8);
  assert.equal(withBaseline.baselines.allTogether, without.baselines.allTogether);
  assert.deepEqual(withBaseline.grouping, without.grouping);
  assert.equal(withBaseline.objective, without.objective);
  assert.deepEqual(withBaseline.verification, without.verification);
});

test('--no-mmoe-baseline trains no MMoE and leaves baselines.mmoe out', async () => {
  const { model, trainer } = await searched(1, { mmoeBaseline: false });
  assert.equal(
    trainer.specs.filter((spec) => spec.architecture).length,
    0,
    'no MMoE run was trained',
  );
  assert.equal('mmoe' in model.baselines, false);
  assert.equal(model.runs.total, 3 * (5 + 10 + 1) + 3 * 1, 'singles, pairs, all-in-one, the group');
});

test('an MMoE better than the grouping beyond seed noise says so in one line, in every format', async () => {
  const { model } = await searched(0.85);
  const m = model.baselines.mmoe!;
  assert.equal(m.better, true);
  assert.ok(-m.difference! > 2 * m.differenceStderr!, JSON.stringify(m));
  const lines = model.noise.advice.filter((line) => GATE_LINE.test(line));
  assert.equal(lines.length, 1, model.noise.advice.join('\n'));
  assert.match(searchSummary(model), /^Note: one MMoE over all 5 tasks is /m);
  for (const format of ['md', 'html', 'csv'] as const) {
    const text = rendered(model, format);
    assert.ok(text.includes('consider experts instead of separate networks'), format);
    assert.ok(text.includes('One MMoE over all 5 tasks (4 experts)'), format);
  }
});

test('with one seed no standard error exists: an MMoE is never called better beyond noise', async () => {
  const one = (await searched(0.85, { seeds: '1' })).model;
  assert.ok(one.baselines.mmoe!.difference! < -0.03);
  assert.equal(one.baselines.mmoe!.better, false);
  assert.ok(!one.noise.advice.some((line) => GATE_LINE.test(line)));
});

test('a rerun of a search with its MMoE baseline trains nothing and reports the same baseline', async () => {
  const { model, db, dir } = await searched(0.85);
  const again = fakeTrainer(clusters, { mmoe: 0.85 });
  const second = await runSearch(configFor(smallCsv(dir)), db, {
    stop: { requested: false },
    trainer: () => again,
  });
  assert.equal(again.trained.length, 0);
  assert.deepEqual(second.baselines.mmoe, model.baselines.mmoe);
  const planned = withStore(db, (store) => store.searches.planned(second.searchId));
  assert.equal(planned.filter((run) => run.architecture?.name === 'mmoe').length, 3);
});
