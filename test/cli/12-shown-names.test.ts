import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { leakyCsv } from '../helpers/leakyCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// #16 of the issue that listed hostile inputs (round 2): one escaping for every human-facing
// output, warnings included. Task names from a CSV header hold an escape sequence, a zero-width
// space, a byte-order mark, a tab, a carriage return and a line feed; no output of the command
// line (summary, warning, status, Markdown, CSV, HTML) carries one of them raw.
const dir = tempDir();
const RED = 'a\x1b[31mRED';
const HIDDEN = 'wat\u200bch\ufeffed';
const BREAKS = 'fin\tal\r\nx';
const raw = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\ufeff]/;

/** The leaky example with its label columns renamed: `bought` → RED, `watch` → HIDDEN, plus BREAKS. */
function hostileCsv(): string {
  const lines = readFileSync(leakyCsv(dir), 'utf8').trimEnd().split('\n');
  const quoted = (name: string) => `"${name}"`;
  lines[0] = lines[0]
    .replace('bought', quoted(RED))
    .replace('watch', quoted(HIDDEN))
    .concat(`,${quoted(BREAKS)}`);
  for (let i = 1; i < lines.length; i++) lines[i] += `,${i % 2}`;
  const file = join(dir, 'hostile.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('#16 the leakage warning, the summary, status and every report show escaped names, never raw', async () => {
  const data = hostileCsv();
  const db = join(dir, 'shown.db');
  const tasks = [RED, HIDDEN, BREAKS].join(',');
  const search = await runCli(
    ['search', '--data', data, '--tasks', tasks, '--seeds', '1', '--rows', '200', '--db', db],
    { timeoutMs: 180_000 },
  );
  assert.equal(search.code, 0, search.stderr);
  assert.match(
    search.stderr,
    /warning: feature "paid" alone predicts task "a\\x1b\[31mRED" almost perfectly/,
  );
  const id = /search (\w+):/.exec(search.stdout)![1];
  const out = join(dir, 'reports');
  const outputs = [
    search,
    await runCli(['status', '--db', db]),
    await runCli(['status', id, '--db', db]),
    await runCli(['report', id, '--db', db, '--format', 'md']),
    await runCli(['report', id, '--db', db, '--format', 'html']),
    await runCli(['report', id, '--db', db, '--format', 'csv', '--out', `${out}/`]),
  ];
  const texts = [
    ...outputs.flatMap((r) => [r.stdout, r.stderr.replace(/\n/g, '')]),
    ...readdirSync(out).map((name) => readFileSync(join(out, name), 'utf8')),
  ];
  for (const text of texts) {
    // Line feeds end the output's own lines; none is inside a name (checked below).
    assert.doesNotMatch(text.replace(/\n/g, ''), raw, JSON.stringify(text.slice(0, 200)));
  }
  assert.ok(search.stdout.includes('wat\\u200bch\\ufeffed'), search.stdout);
  assert.ok(outputs[2].stdout.includes('fin\\tal\\r\\nx'), outputs[2].stdout);
  assert.ok(outputs[3].stdout.includes('`fin\\tal\\r\\nx`'));
  const groups = readFileSync(join(out, 'groups.csv'), 'utf8').trimEnd().split('\n');
  assert.equal(groups.length, 4, 'a header and one row per task: no name breaks a row');
  assert.ok(groups.some((row) => row.startsWith('fin\\tal\\r\\nx,')));
});
