import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFormat, reportFormats } from '../../src/report/index.js';
import { FIXTURES, deepFreeze, loadFixture } from './fixture.js';

describe('report format registry', () => {
  it('lists json, md, csv and html once each, each with a description', () => {
    assert.deepEqual(
      reportFormats.map((f) => f.name),
      ['json', 'md', 'csv', 'html'],
    );
    for (const format of reportFormats) assert.match(format.description, /\w{3,}/);
  });

  it('finds a format by its name and answers undefined for an unknown one', () => {
    assert.equal(findFormat('html')?.name, 'html');
    assert.equal(findFormat('md'), reportFormats[1]);
    assert.equal(findFormat('pdf'), undefined);
    assert.equal(findFormat('HTML'), undefined);
  });

  for (const fixture of FIXTURES) {
    it(`renders the ${fixture} fixture in every format without touching the model, byte for byte twice`, () => {
      const model = deepFreeze(loadFixture(fixture));
      for (const format of reportFormats) {
        const first = format.render(model);
        const second = format.render(loadFixture(fixture));
        assert.deepEqual(first, second, `${format.name} is not deterministic`);
        assert.ok(first.length >= 1);
        for (const file of first) {
          assert.match(file.name, /^[a-z-]+\.(json|md|csv|html)$/);
          assert.ok(file.content.endsWith('\n'), `${file.name} ends without a newline`);
        }
      }
    });
  }

  it('returns one file for json, md and html and several for csv', () => {
    const model = loadFixture('model');
    const names = Object.fromEntries(
      reportFormats.map((f) => [f.name, f.render(model).map((x) => x.name)]),
    );
    assert.deepEqual(names, {
      json: ['report.json'],
      md: ['report.md'],
      csv: [
        'decision.csv',
        'groups.csv',
        'transfer.csv',
        'transfer-stderr.csv',
        'budgets.csv',
        'alternatives.csv',
        'verification.csv',
        'trained-groups.csv',
        'seeds.csv',
        'truth.csv',
      ],
      html: ['report.html'],
    });
  });
});
