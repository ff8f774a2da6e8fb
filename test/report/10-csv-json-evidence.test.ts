import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { renderCsv } from '../../src/report/csv.js';
import { shownText } from '../../src/report/escape.js';
import { renderJson } from '../../src/report/json.js';
import type { ReportModel } from '../../src/report/model.js';
import { FIXTURES, loadFixture } from './fixture.js';

const files = (model: ReportModel): Record<string, string[][]> =>
  Object.fromEntries(renderCsv(model).map((f) => [f.name, parse(f.content) as string[][]]));
/** decision.csv as field → values (a field such as advice can repeat). */
const decision = (model: ReportModel): Map<string, string[]> => {
  const [header, ...rows] = files(model)['decision.csv'];
  assert.deepEqual(header, ['field', 'value']);
  const fields = new Map<string, string[]>();
  for (const [field, value] of rows) fields.set(field, [...(fields.get(field) ?? []), value]);
  return fields;
};
const yesNo = (measured: boolean | undefined): string => (measured === false ? 'no' : 'yes');

describe('csv report: what the answer rests on', () => {
  it('writes decision.csv: objective with its source and standard error, certificate, comparisons, truth', () => {
    const model = loadFixture('model');
    const d = decision(model);
    for (const [field, value] of [
      ['objective', '0.9587'],
      ['objectiveKind', 'measured'],
      ['objectiveStderr', '0.00219'],
      ['optimal', 'no'],
      ['allTogether', '0.9966'],
      ['allTogetherMeasured', 'yes'],
      ['certificate.basis', 'verified'],
      ['certificate.status', 'certified'],
      ['certificate.groupsMeasured', '3'],
      ['noise.runnerUp.difference', '0.0096'],
      ['noise.runnerUp.measured', 'yes'],
      ['truth.searchId', 'feed-exhaustive'],
      ['truth.regret', '0.002405'],
      ['truth.regretStderr', '0.003165'],
      ['truth.rank', '2'],
      ['truth.of', '365'],
      ['truth.optimum.measured', 'yes'],
    ]) {
      assert.deepEqual(d.get(field), [value], field);
    }
    assert.deepEqual(JSON.parse(d.get('grouping')![0]), model.grouping);
    assert.match(d.get('certificate')![0], /^Chosen among fully measured groupings/);
    assert.equal(d.get('advice'), undefined);
    assert.equal(decision(loadFixture('estimated')).get('truth.regret'), undefined);
  });

  it('writes a truth stored without its regret noise (an earlier version) with that cell empty', () => {
    const model = loadFixture('model');
    const { regretStderr: _, ...older } = model.truth!;
    const d = decision({ ...model, truth: older });
    assert.deepEqual(d.get('truth.regret'), ['0.002405']);
    assert.deepEqual(d.get('truth.regretStderr'), ['']);
  });

  it('writes verification.csv with each group trained, its pair estimate and its measured loss', () => {
    const model = loadFixture('model');
    const [header, ...rows] = files(model)['verification.csv'];
    assert.deepEqual(header, ['group', 'tasks', 'estimated', 'measured', 'difference']);
    assert.deepEqual(
      rows.map((r) => [JSON.parse(r[0]), Number(r[1]), Number(r[2]), Number(r[3])]),
      model.verification!.map((v) => [v.group, v.group.length, v.estimated, v.measured]),
    );
    assert.ok(rows.every((r) => Math.abs(Number(r[4]) - (Number(r[3]) - Number(r[2]))) < 1e-12));
  });

  it("writes truth.csv only when the exhaustive truth is known, next to this search's best", () => {
    const model = loadFixture('model');
    const [header, ...rows] = files(model)['truth.csv'];
    assert.deepEqual(header, [
      'budget',
      'networks',
      'objective',
      'measured',
      'grouping',
      'searchObjective',
      'searchMeasured',
      'searchStderr',
      'sameGrouping',
    ]);
    assert.deepEqual(
      rows.map((r) => [Number(r[0]), Number(r[2]), JSON.parse(r[4])]),
      model.truth!.byBudget.map((b) => [b.budget, b.objective, b.grouping]),
    );
    assert.deepEqual(rows[2].slice(5), ['0.9587', 'yes', '0.00219', 'no']);
    assert.ok(!('truth.csv' in files(loadFixture('estimated'))));
  });

  it('gives budgets and alternatives a measured and a stderr column, as the model says', () => {
    for (const fixture of FIXTURES) {
      const model = loadFixture(fixture);
      const parsed = files(model);
      assert.deepEqual(
        parsed['budgets.csv'].slice(1).map((r) => r.slice(6)),
        model.baselines.byBudget.map((o) => [yesNo(o.measured), String(o.stderr)]),
        fixture,
      );
      assert.deepEqual(parsed['alternatives.csv'][0], [
        'rank',
        'networks',
        'objective',
        'vsChosen',
        'grouping',
        'measured',
        'stderr',
      ]);
      assert.deepEqual(
        parsed['alternatives.csv'].slice(1).map((r) => r.slice(5)),
        model.alternatives.map((o) => [yesNo(o.measured), String(o.stderr)]),
        fixture,
      );
      assert.deepEqual(
        parsed['groups.csv'].slice(1).map((r) => r[7]),
        model.perTask.map((r) => yesNo(r.measured)),
        fixture,
      );
    }
    assert.deepEqual(decision(loadFixture('estimated')).get('objectiveKind'), ['estimated']);
  });

  it('says optimal only in the optimal field, yes only for an exhaustive search, and never proven', () => {
    for (const fixture of FIXTURES) {
      const model = loadFixture(fixture);
      assert.deepEqual(
        decision(model).get('optimal'),
        [model.optimal === true ? 'yes' : 'no'],
        fixture,
      );
      const text = renderCsv(model)
        .map((f) => f.content)
        .join('')
        .replace(/^optimal,(yes|no)$/m, '');
      assert.doesNotMatch(text, /proven|\boptimal\b/i, fixture);
    }
  });

  it('writes hostile names in the advice so they parse back as shown, formulas as text', () => {
    const model = loadFixture('hostile');
    assert.deepEqual(decision(model).get('advice'), model.noise.advice.map(shownText));
    const formula = '=HYPERLINK("http://x","y")';
    const withFormula = { ...model, noise: { ...model.noise, advice: [formula, '@SUM(A1)'] } };
    assert.deepEqual(decision(withFormula).get('advice'), [`'${formula}`, "'@SUM(A1)"]);
    assert.deepEqual(
      JSON.parse(files(model)['verification.csv'][1][0]),
      model.verification![0].group,
    );
    assert.deepEqual(
      JSON.parse(files(model)['truth.csv'][1][4]),
      model.truth!.byBudget[0].grouping,
    );
  });
});

describe('json report: the new fields', () => {
  it('parses back to exactly the model, for every fixture', () => {
    for (const fixture of FIXTURES)
      assert.deepEqual(JSON.parse(renderJson(loadFixture(fixture))), loadFixture(fixture), fixture);
  });

  it("puts what the objective rests on right after it, and each object's keys in a reader's order", () => {
    const parsed = JSON.parse(renderJson(loadFixture('model')));
    assert.deepEqual(Object.keys(parsed), [
      'searchId',
      'status',
      'tasks',
      'taskTypes',
      'weights',
      'budget',
      'grouping',
      'objective',
      'objectiveKind',
      'objectiveStderr',
      'optimal',
      'gap',
      'certificate',
      'noise',
      'truth',
      'perTask',
      'baselines',
      'transfer',
      'alternatives',
      'runs',
      'verification',
      'facts',
      'elapsedSec',
    ]);
    assert.deepEqual(Object.keys(parsed.certificate), [
      'basis',
      'status',
      'optimisticBest',
      'margin',
      'kappa',
      'sigma',
      'groupsMeasured',
      'rounds',
      'groupCap',
    ]);
    assert.deepEqual(Object.keys(parsed.noise), ['runnerUp', 'fewerNetworks', 'advice']);
    assert.deepEqual(Object.keys(parsed.noise.runnerUp), [
      'grouping',
      'objective',
      'measured',
      'networks',
      'difference',
      'differenceStderr',
    ]);
    assert.deepEqual(Object.keys(parsed.truth), [
      'searchId',
      'optimum',
      'regret',
      'regretStderr',
      'rank',
      'of',
      'byBudget',
    ]);
    assert.deepEqual(Object.keys(parsed.baselines), [
      'allSeparate',
      'allTogether',
      'allTogetherStderr',
      'allTogetherMeasured',
      'byBudget',
    ]);
    assert.deepEqual(Object.keys(parsed.baselines.byBudget[0]), [
      'budget',
      'grouping',
      'objective',
      'stderr',
      'measured',
    ]);
    assert.deepEqual(Object.keys(parsed.alternatives[0]), [
      'grouping',
      'objective',
      'stderr',
      'measured',
    ]);
    assert.deepEqual(Object.keys(parsed.perTask[0]), [
      'task',
      'group',
      'lossAlone',
      'lossGrouped',
      'relativeLoss',
      'stderr',
      'weight',
      'measured',
    ]);
    assert.deepEqual(Object.keys(parsed.verification[0]), ['group', 'estimated', 'measured']);
  });
});
