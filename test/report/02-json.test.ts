import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson } from '../../src/report/json.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadFixture } from './fixture.js';

/** The same object with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('json report', () => {
  it('parses back to exactly the model', () => {
    const model = loadFixture('model');
    assert.deepEqual(JSON.parse(renderJson(model)), model);
  });

  it('has the fields the search --json contract requires, in the contract order, pretty-printed', () => {
    const text = renderJson(loadFixture('model'));
    const keys = Object.keys(JSON.parse(text));
    const contract = [
      'searchId',
      'status',
      'tasks',
      'budget',
      'grouping',
      'objective',
      'perTask',
      'baselines',
      'transfer',
      'runs',
      'elapsedSec',
    ];
    assert.deepEqual(
      keys.filter((k) => contract.includes(k)),
      contract,
    );
    assert.match(text, /^\{\n {2}"searchId": "feed-2025-03-14",\n {2}"status": "done",\n/);
    assert.match(text, /\n {4}\{\n {6}"task": "click",\n {6}"group": 0,\n {6}"lossAlone"/);
  });

  it('writes the same bytes whatever order the model was built in', () => {
    const model = loadFixture('model');
    assert.equal(renderJson(reversedKeys(model) as ReportModel), renderJson(model));
  });

  it('lists unknown keys after the known ones, sorted', () => {
    const model = { ...loadFixture('model'), zeta: 1, alpha: 2 } as unknown as ReportModel;
    const keys = Object.keys(JSON.parse(renderJson(model)));
    assert.deepEqual(keys.slice(-3), ['elapsedSec', 'alpha', 'zeta']);
    const proxyKeys = Object.keys(JSON.parse(renderJson(model)).facts.proxy);
    assert.deepEqual(proxyKeys, [...proxyKeys].sort());
  });

  it('keeps a missing transfer score of an interrupted search as null', () => {
    const parsed = JSON.parse(renderJson(loadFixture('interrupted')));
    assert.equal(parsed.status, 'interrupted');
    assert.ok(parsed.transfer.matrix.some((row: unknown[]) => row.includes(null)));
  });
});
