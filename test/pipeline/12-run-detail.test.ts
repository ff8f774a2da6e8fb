import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'shell-quote';
import { resolveConfigObject } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import type { ReportModel } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function searched(
  options: Record<string, unknown> = {},
  metrics = true,
  mmoe = 1,
): Promise<{ model: ReportModel; db: string; dir: string }> {
  const dir = tempDir();
  const db = join(dir, 'd.db');
  const config = resolveConfigObject('config', {
    data: smallCsv(dir),
    tasks: 't0,t1,t2,t3,t4',
    seeds: 2,
    ...options,
  });
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters, { metrics, mmoe }),
  });
  return { model, db, dir };
}

test('each task’s metric is reported alone and in its network, the mean of its runs’ metrics, seed by seed', async () => {
  const { model } = await searched();
  // The fake's metric is 1 − loss / 4, so each seed's metric follows from that seed's losses.
  assert.equal(model.perSeed!.length, model.tasks.length * 2);
  for (const row of model.perSeed!) {
    assert.equal(row.metricAlone, 1 - row.lossAlone! / 4);
    assert.equal(row.metricGrouped, 1 - row.lossGrouped! / 4);
    assert.equal(row.relativeLoss, row.lossGrouped! / row.lossAlone!);
  }
  for (const metric of model.taskMetrics!) {
    const rows = model.perSeed!.filter((row) => row.task === metric.task);
    assert.equal(metric.metric, 'AUC', 'the tasks are binary');
    assert.equal(metric.better, 'higher');
    assert.ok(Math.abs(metric.alone! - mean(rows.map((r) => r.metricAlone!))) < 1e-12);
    assert.ok(Math.abs(metric.grouped! - mean(rows.map((r) => r.metricGrouped!))) < 1e-12);
  }
  // Each task's mean relative loss over the seeds is the per-task table's.
  for (const row of model.perTask) {
    const seeds = model.perSeed!.filter((r) => r.task === row.task);
    assert.ok(Math.abs(mean(seeds.map((r) => r.relativeLoss!)) - row.relativeLoss) < 1e-12);
  }
});

test('runs stored without metrics report none: the metric is null, not a number', async () => {
  const { model } = await searched({}, false);
  assert.ok(model.taskMetrics!.every((m) => m.alone === null && m.grouped === null));
  assert.ok(model.perSeed!.every((r) => r.metricAlone === null && r.lossAlone !== null));
});

test('the chosen network’s figures are its own runs’, not those of the MMoE over the same tasks', async () => {
  // Budget 1: the chosen network is the all-in-one, whose tasks the MMoE baseline shares (its
  // losses half the shared bottom's here).
  const { model } = await searched({ budget: 1 }, true, 0.5);
  assert.equal(model.grouping.length, 1);
  assert.ok(model.baselines.mmoe?.objective, 'the MMoE baseline was trained');
  for (const row of model.perTask) {
    const seeds = model.perSeed!.filter((r) => r.task === row.task);
    const ratio = mean(seeds.map((r) => r.relativeLoss!));
    assert.ok(
      Math.abs(ratio - row.relativeLoss) < 1e-12,
      `${row.task}: ${ratio} vs ${row.relativeLoss}`,
    );
  }
});

test('every trained group has its pair estimate, corrected estimate and measured loss per seed', async () => {
  const { model } = await searched();
  const groups = model.trainedGroups!;
  assert.ok(
    groups.some((g) => g.group.length === 5),
    'the all-in-one network is among them',
  );
  assert.deepEqual(
    groups.map((g) => g.group),
    model.verification!.map((v) => v.group),
  );
  groups.forEach((g, i) => {
    assert.ok(Math.abs(g.pairEstimate - model.verification![i].estimated) < 1e-12);
    assert.ok(Math.abs(g.measured - model.verification![i].measured) < 1e-12);
    assert.equal(g.bySeed.length, 2);
    assert.ok(Math.abs(mean(g.bySeed as number[]) - g.measured) < 1e-12);
    assert.notEqual(g.correctedEstimate, g.pairEstimate, 'the error model corrects it');
  });
});

/** Runs the report's command (parsed as a shell would) in `dir`, against `db`. */
async function rerun(model: ReportModel, dir: string, db: string) {
  const argv = parse(model.reproduce!.command) as string[];
  assert.deepEqual(argv.slice(0, 2), ['taskgroup', 'search']);
  if (model.reproduce!.config)
    writeFileSync(join(dir, 'study.json'), JSON.stringify(model.reproduce!.config));
  return runCli([...argv.slice(1), '--db', db, '--json'], { cwd: dir });
}

test('the command of the report asks the same question: in its database it is the same search', async () => {
  const { model, db, dir } = await searched({ budget: 2 });
  assert.equal(model.reproduce!.config, null, 'every setting has a flag');
  assert.match(model.reproduce!.command, /^taskgroup search --data \/\S+small\.csv --tasks t0,t1/);
  const again = await rerun(model, dir, db);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).searchId, model.searchId);
});

test('settings without a flag go to the config file the command names, and still ask the same question', async () => {
  const { model, db, dir } = await searched({
    valFraction: 0.25,
    weights: [2, 1, 1, 1, 1],
    exclude: ['colour'],
    verify: false,
    proxy: { learningRate: 0.01, tower: [16] },
  });
  assert.deepEqual(model.reproduce!.config, {
    valFraction: 0.25,
    proxy: { learningRate: 0.01, tower: [16] },
  });
  assert.match(model.reproduce!.command, / --weights 2,1,1,1,1 /);
  assert.match(model.reproduce!.command, / --no-verify .* --config study\.json$/);
  const again = await rerun(model, dir, db);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).searchId, model.searchId);
});

test('the command names the networks, auxiliaries and embedded columns: an MMoE search with its experts, a baseline left out', async () => {
  const mmoe = await searched({ architecture: 'mmoe', experts: 2, expertLayers: [8], budget: 2 });
  assert.match(mmoe.model.reproduce!.command, / --architecture mmoe --experts 2 /);
  assert.deepEqual(mmoe.model.reproduce!.config, { expertLayers: [8] });
  const again = await rerun(mmoe.model, mmoe.dir, mmoe.db);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).searchId, mmoe.model.searchId);

  const plain = await searched({
    mmoeBaseline: false,
    embed: 'colour:4',
    aux: ['t4'],
    auxBalance: 'metabalance:0.5',
    budget: 2,
  });
  assert.match(plain.model.reproduce!.command, / --aux t4 --aux-balance metabalance:0\.5 /);
  assert.match(plain.model.reproduce!.command, / --embed colour:4 .*--no-mmoe-baseline /);
  assert.doesNotMatch(plain.model.reproduce!.command, /--experts/);
  const rows = await searched({ embed: [{ column: 'colour', rows: 64 }], budget: 2 });
  assert.deepEqual(rows.model.reproduce!.config, {
    embed: [{ column: 'colour', dim: 16, rows: 64 }],
  });
  const rowsAgain = await rerun(rows.model, rows.dir, rows.db);
  assert.equal(rowsAgain.code, 0, rowsAgain.stderr);
  assert.equal(JSON.parse(rowsAgain.stdout).searchId, rows.model.searchId);
});
