import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir();
const good = join(dir, 'good.csv');
writeFileSync(
  good,
  'x,colour,click,like,score\n1,red,0,1,2.5\n2,blue,1,0,3.1\n3,red,0,,1.2\n4,blue,1,1,0.7\n5,red,1,0,2.2\n6,red,0,0,1.9\n7,blue,1,1,2.0\n8,red,0,1,0.3\n9,blue,1,0,1.1\n10,red,0,1,2.8\n',
);
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** A CSV with one feature and `tasks` binary task columns t0, t1, … */
function wideCsv(tasks: number): string {
  const names = Array.from({ length: tasks }, (_, t) => `t${t}`);
  const rows = Array.from(
    { length: 6 },
    (_, r) => `${r},${names.map((_, t) => (r + t) % 2).join(',')}`,
  );
  return `x,${names.join(',')}\n${rows.join('\n')}\n`;
}

const tfjsNodeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

const cases: { name: string; args: string[]; message: RegExp; skip?: boolean }[] = [
  {
    name: 'a missing data file',
    args: ['--data', join(dir, 'nope.csv'), '--tasks', 'click,like'],
    message: /nope\.csv/,
  },
  {
    name: 'an empty data file',
    args: ['--data', write('empty.csv', ''), '--tasks', 'click,like'],
    message: /empty\.csv.*empty|empty\.csv.*no header/i,
  },
  {
    name: 'a ragged row',
    args: ['--data', write('ragged.csv', 'x,click,like\n1,0,1\n2,1\n'), '--tasks', 'click,like'],
    message: /ragged\.csv.*(line|row) 3/i,
  },
  {
    name: 'an unknown task column',
    args: ['--data', good, '--tasks', 'click,share'],
    message: /share/,
  },
  {
    name: 'a task given twice',
    args: ['--data', good, '--tasks', 'click,click'],
    message: /"click".*twice/,
  },
  {
    name: 'fewer than two tasks',
    args: ['--data', good, '--tasks', 'click'],
    message: /at least 2 tasks/,
  },
  {
    name: 'a binary task with other values',
    args: ['--data', good, '--tasks', 'click,score:binary'],
    message: /score.*2\.5/,
  },
  {
    name: 'a task column with no labels',
    args: [
      '--data',
      write('nolabels.csv', 'x,click,like\n1,0,\n2,1,\n3,0,\n'),
      '--tasks',
      'click,like',
    ],
    message: /like.*no label/i,
  },
  {
    name: 'a constant label',
    args: [
      '--data',
      write('constant.csv', 'x,click,like\n1,0,1\n2,1,1\n3,0,1\n4,1,1\n'),
      '--tasks',
      'click,like',
    ],
    message: /like.*constant/i,
  },
  {
    name: 'budget 0',
    args: ['--data', good, '--tasks', 'click,like', '--budget', '0'],
    message: /--budget must be a positive integer/,
  },
  {
    name: 'a non-numeric flag value',
    args: ['--data', good, '--tasks', 'click,like', '--seeds', 'three'],
    message: /--seeds must be a positive integer/,
  },
  {
    name: 'the node backend where tfjs-node is not installed',
    args: ['--data', good, '--tasks', 'click,like', '--backend', 'node'],
    message: /--backend node: @tensorflow\/tfjs-node is not installed/,
    skip: tfjsNodeInstalled,
  },
  {
    name: 'more tasks than a search can group',
    args: [
      '--data',
      write('wide.csv', wideCsv(201)),
      '--tasks',
      Array.from({ length: 201 }, (_, t) => `t${t}`).join(','),
    ],
    message: /--tasks lists 201 tasks; a search handles at most 200/,
  },
  {
    name: 'an unknown backend',
    args: ['--data', good, '--tasks', 'click,like', '--backend', 'gpu'],
    message: /--backend must be one of auto, node, wasm, cpu/,
  },
];

for (const c of cases) {
  test(
    `search refuses ${c.name}: exit 2, one line naming the fault, nothing written`,
    { skip: c.skip },
    async () => {
      const db = join(dir, `${c.name.replace(/\W+/g, '-')}.db`);
      const result = await runCli(['search', ...c.args, '--db', db, '--quiet']);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line, got: ${result.stderr}`);
      assert.match(lines[0], /^taskgroup: /);
      assert.match(lines[0], c.message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(existsSync(db), false, 'no database written');
    },
  );
}

test('an unknown option is a usage error with exit 2', async () => {
  const result = await runCli(['search', '--data', good, '--tasks', 'click,like', '--bogus']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown option '--bogus'/);
});

test('report and status on a missing database or search are usage errors naming it', async () => {
  const missing = await runCli(['status', '--db', join(dir, 'none.db')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /none\.db: no such database/);
  const report = await runCli(['report', 'abc', '--db', join(dir, 'none.db'), '--format', 'md']);
  assert.equal(report.code, 2);
  const format = await runCli(['report', 'abc', '--db', join(dir, 'none.db'), '--format', 'pdf']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format must be one of json, md, csv, html/);
});
