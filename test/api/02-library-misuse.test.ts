import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
// The package by its own name, as a user imports it (the compiled dist/, built by `pretest`).
import { report, resume, search, solve, UsageError } from 'taskgroup';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Misuse of the library (issue of hostile inputs, round 2, item 15): each call is refused with a
// UsageError (exit code 2) whose one-line message names the option, and nothing is written,
// neither the database named nor taskgroup.db in the working directory.
const dir = tempDir();
const data = smallCsv(dir);
const db = join(dir, 'misuse.db');
const cwd = tempDir();
process.chdir(cwd);

const usage = (message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof UsageError, `a UsageError, got ${String(error)}`);
  assert.equal(error.exitCode, 2);
  assert.doesNotMatch(error.message, /\n/, 'one line');
  assert.match(error.message, message);
  return true;
};

const calls: [string, () => Promise<unknown>, RegExp][] = [
  [
    'search()',
    () => (search as () => Promise<unknown>)(),
    /^config must be an object of search options \(got undefined\)$/,
  ],
  [
    'search(null)',
    () => search(null as never),
    /^config must be an object of search options \(got null\)$/,
  ],
  [
    'search without data',
    () => search({ tasks: 't0,t1', db } as never),
    /^config\.data is required/,
  ],
  [
    'onProgress: 5',
    () => search({ data, tasks: 't0,t1', db, onProgress: 5 as never }),
    /^config\.onProgress must be a function \(got 5\)$/,
  ],
  [
    "signal: 'x'",
    () => search({ data, tasks: 't0,t1', db, signal: 'x' as never }),
    /^config\.signal must be an AbortSignal/,
  ],
  [
    "new: 'yes'",
    () => search({ data, tasks: 't0,t1', db, new: 'yes' as never }),
    /^config\.new must be true or false \(got "yes"\)$/,
  ],
  [
    'seeds: NaN',
    () => search({ data, tasks: 't0,t1', db, seeds: NaN }),
    /^config\.seeds must be a positive integer \(got NaN\)$/,
  ],
  [
    "db: ''",
    () => search({ data, tasks: 't0,t1', db: '' }),
    /^config\.db must name a database file/,
  ],
  [
    'an unknown key inside proxy',
    () => search({ data, tasks: 't0,t1', db, proxy: JSON.parse('{"__proto__": {}}') }),
    /^config: unknown key "proxy\.__proto__"$/,
  ],
  [
    'weights naming a task twice',
    () => search({ data, tasks: 't0,t1', db, weights: 't0=1,t0=2' }),
    /^config\.weights: task "t0" is given twice$/,
  ],
  [
    'report(id) without options',
    () => (report as (id: string) => Promise<unknown>)('abcd1234'),
    /^report: options must be an object with a format/,
  ],
  [
    'report(id, {})',
    () => report('abcd1234', {} as never),
    /^--format is required \(json, md, csv, html\)$/,
  ],
  [
    'report(42, ...)',
    () => report(42 as never, { format: 'md', db }),
    /^searchId must be a search id/,
  ],
  ['solve({})', () => solve({} as never), /^--table is required \(the loss table CSV\)$/],
  [
    'solve()',
    () => (solve as () => Promise<unknown>)(),
    /^solve: options must be an object with a table \(got undefined\)$/,
  ],
  [
    "solve with signal: 'x'",
    () => solve({ table: 'x.csv', signal: 'x' as never }),
    /^signal must be an AbortSignal/,
  ],
  [
    'resume with workers: 0',
    () => resume('abcd1234', { db, workers: 0 }),
    /^config\.workers must be a positive integer \(got 0\)$/,
  ],
];

for (const [name, call, message] of calls) {
  test(`${name} throws a UsageError naming the option, and writes nothing`, async () => {
    await assert.rejects(call(), usage(message));
    assert.equal(existsSync(db), false, 'no database written');
    assert.deepEqual(readdirSync(cwd), [], 'nothing in the working directory');
  });
}
