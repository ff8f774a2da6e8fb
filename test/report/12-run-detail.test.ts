import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportModel } from '../../src/report/model.js';
import { detailedModel } from './detailedModel.js';
import { loadFixture } from './fixture.js';
import { section, tables } from './markdownTables.js';

const csvRows = (text: string) => text.trimEnd().split('\n');

describe('the detail of the runs in every format', () => {
  let model: ReportModel;
  before(async () => (model = await detailedModel()));

  it('JSON carries the per-seed values, the task metrics, the trained groups and the command', () => {
    const json = JSON.parse(renderJson(model));
    assert.equal(json.perSeed.length, 5 * 2);
    assert.deepEqual(Object.keys(json.perSeed[0]).sort(), [
      'group',
      'lossAlone',
      'lossGrouped',
      'metricAlone',
      'metricGrouped',
      'relativeLoss',
      'seed',
      'task',
    ]);
    assert.deepEqual(json.taskMetrics, model.taskMetrics);
    assert.deepEqual(json.trainedGroups, model.trainedGroups);
    assert.match(json.reproduce.command, /^taskgroup search --data /);
  });

  it('CSV writes seeds.csv and trained-groups.csv, the metric beside the loss and the command', () => {
    const files = Object.fromEntries(renderCsv(model).map((f) => [f.name, f.content]));
    const seeds = csvRows(files['seeds.csv']);
    assert.equal(
      seeds[0],
      'task,group,seed,lossAlone,lossGrouped,relativeLoss,metricAlone,metricGrouped',
    );
    const first = model.perSeed![0];
    assert.equal(
      seeds[1],
      [
        first.task,
        first.group,
        first.seed,
        first.lossAlone,
        first.lossGrouped,
        first.relativeLoss,
        first.metricAlone,
        first.metricGrouped,
      ].join(','),
    );
    const groups = csvRows(files['trained-groups.csv']);
    assert.equal(
      groups[0],
      'group,tasks,pairEstimate,correctedEstimate,measured,stderr,seed0,seed1',
    );
    assert.equal(groups.length, 1 + model.trainedGroups!.length);
    const [task] = model.taskMetrics!;
    assert.match(
      files['groups.csv'],
      new RegExp(`^${task.task},.*,AUC,${task.alone},${task.grouped}$`, 'm'),
    );
    assert.match(files['decision.csv'], /^command,"?taskgroup search --data /m);
  });

  it('Markdown gives each task its metric beside its loss, the estimates of each group and the command', () => {
    const md = renderMarkdown(model);
    const [perTask] = tables(section(md, 'Per task'));
    assert.equal(perTask[0].at(-1), 'Metric');
    assert.match(perTask[1].at(-1)!, /^AUC \d\.\d{3} → \d\.\d{3}$/);
    const [estimates] = tables(section(md, 'Estimates against measured losses'));
    assert.equal(estimates.length, 1 + model.trainedGroups!.length);
    assert.match(
      section(md, 'Reproduce'),
      /```sh\ntaskgroup search --data \S+ --tasks t0,t1,t2,t3,t4 /,
    );
  });

  it('HTML plots every trained group, shows each metric and the command, and a result without them still renders', () => {
    const html = renderHtml(model);
    const scatter = html.match(/<svg class="estimate-scatter"[\s\S]*?<\/svg>/)?.[0] ?? '';
    const groups = model.trainedGroups!.length;
    assert.equal(scatter.match(/class="pair-estimate"><title>/g)?.length, groups);
    assert.equal(scatter.match(/class="corrected-estimate"><title>/g)?.length, groups);
    assert.match(html, /<span class="metric"><span class="muted">AUC<\/span> \d\.\d{3} → /);
    assert.ok(html.includes(`<code>${model.reproduce!.command}</code>`));
    const old = renderHtml(loadFixture('model'));
    assert.doesNotMatch(old, /estimate-scatter|id="reproduce"|id="per-seed"/);
    assert.match(old, /<td class="num">—<\/td><\/tr>/, 'a metric cell of an old result says —');
  });
});
