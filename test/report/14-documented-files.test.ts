import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { reportFormats } from '../../src/report/index.js';
import type { ReportModel } from '../../src/report/model.js';
import { detailedModel } from './detailedModel.js';
import { loadFixture } from './fixture.js';

/**
 * The lists of docs/reports.md against what each format writes: a file added to a format, or a
 * column to a CSV file, and not documented fails here.
 */

const docs = readFileSync('docs/reports.md', 'utf8');
/** The same, each run of white space one space (prose wraps anywhere). */
const prose = docs.replace(/\s+/g, ' ');

/** The file names in a format's row of the formats table (`| \`csv\` | \`a.csv\`, … |`). */
function documentedFiles(format: string): string[] {
  const row = docs.split('\n').find((line) => line.startsWith(`| \`${format}\` |`));
  assert.ok(row, `no row for ${format} in the formats table`);
  return [...row.split('|')[2].matchAll(/`([\w.-]+)`/g)].map((m) => m[1]);
}

/** A search with auxiliary tasks (test/fixtures/report/README.md). */
const auxiliaryModel = (): ReportModel =>
  JSON.parse(readFileSync('test/fixtures/report/auxiliary.json', 'utf8')) as ReportModel;

test('the formats table names every file each format writes, and no other', () => {
  // With the exhaustive truth (truth.csv), and with auxiliary tasks (auxiliaries.csv).
  const models = [loadFixture('model'), auxiliaryModel()];
  for (const format of reportFormats) {
    const written = new Set(models.flatMap((m) => format.render(m).map((file) => file.name)));
    assert.deepEqual(documentedFiles(format.name).sort(), [...written].sort(), format.name);
  }
});

test('the columns each CSV file is documented with are its header, in order', async () => {
  const files = Object.fromEntries(
    reportFormats
      .find((f) => f.name === 'csv')!
      .render(await detailedModel())
      .map((file) => [file.name, file.content.split('\n')[0].split(',')]),
  );
  // "`seeds.csv` has one row per task and seed (`task`, `group`, …)": the list after the name.
  const documented = (name: string) => {
    const start = prose.indexOf(`\`${name}\` ${name === 'seeds.csv' ? 'has ' : ''}one row`);
    assert.ok(start >= 0, `${name} has no documented columns`);
    const list = prose.slice(prose.indexOf('(', start), prose.indexOf(')', start));
    return [...list.matchAll(/`([\w.]+)`/g)].map((m) => m[1]);
  };
  assert.deepEqual(documented('seeds.csv'), files['seeds.csv']);
  // Its list ends with `seed0`, `seed1`, …: the search behind it has two seeds.
  assert.deepEqual(documented('trained-groups.csv'), files['trained-groups.csv']);
});
