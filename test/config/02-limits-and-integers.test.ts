import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { integerInRange, positiveNumber, weightList } from '../../src/config/parse.js';
import { forcedWorkerLimit, resolveRunChoices } from '../../src/config/runChoices.js';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { studyLimits } from '../../src/config/study.js';
import { MAX_HOA_TASKS } from '../../src/search/limits.js';

const base = { data: 'x.csv', tasks: 'click,like' };
const cores = Math.max(1, availableParallelism());

test("#1 --workers is at most the machine's parallelism, or 64 with --force", () => {
  assert.equal(resolveRunChoices({ workers: String(cores) }).workers, cores);
  assert.throws(
    () => resolveRunChoices({ workers: '1000' }),
    new RegExp(
      `^UsageError: --workers must be at most ${cores}, this machine's parallelism \\(got "1000"\\); --force allows up to ${forcedWorkerLimit}$`,
    ),
  );
  assert.equal(resolveRunChoices({ workers: String(cores + 1), force: true }).workers, cores + 1);
  assert.equal(
    resolveRunChoices({ workers: String(forcedWorkerLimit), force: true }).workers,
    forcedWorkerLimit,
  );
  assert.throws(
    () => resolveRunChoices({ workers: '1000', force: true }),
    /--workers must be at most 64, even with --force \(got "1000"\)/,
  );
  assert.throws(
    () => resolveRunChoices({}, { workers: 1000 }),
    /^UsageError: config\.workers must be at most/,
  );
});

test('#6 epochs, rows, seeds, batch size and layer widths have limits, named in the message', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ epochs: '1000000000' }, /^UsageError: --epochs must be at most 100 \(got "1000000000"\)$/],
    [{ rows: '1000001' }, /^UsageError: --rows must be at most 1000000 /],
    [{ seeds: '101' }, /^UsageError: --seeds must be at most 100 /],
    [{ batchSize: '65537' }, /^UsageError: --batch-size must be at most 65536 /],
  ];
  for (const [flags, message] of cases)
    assert.throws(() => resolveSearchConfig({ ...base, ...flags }), message);
  const ok = resolveSearchConfig({
    ...base,
    epochs: '100',
    rows: '1000000',
    seeds: '100',
    batchSize: '65536',
  });
  assert.deepEqual(
    [ok.proxy.epochs, ok.proxy.rows, ok.seeds, ok.proxy.batchSize],
    [100, 1_000_000, 100, 65_536],
  );
});

test('#6 a config file is held to the same limits, and so is the task count the solver can take', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'limits-')), 'c.json');
  writeFileSync(file, JSON.stringify({ proxy: { bottom: [100000] } }));
  assert.throws(
    () => resolveSearchConfig({ ...base, config: file }),
    /config\.proxy\.bottom\[0\] must be at most 4096/,
  );
  writeFileSync(file, JSON.stringify({ proxy: { tower: [8, 8, 8, 8, 8, 8, 8, 8, 8] } }));
  assert.throws(
    () => resolveSearchConfig({ ...base, config: file }),
    /config\.proxy\.tower must list at most 8 numbers \(got 9\)/,
  );
  const tasks = Array.from({ length: 201 }, (_, t) => `t${t}`).join(',');
  assert.throws(
    () => resolveSearchConfig({ data: 'x.csv', tasks }),
    /--tasks lists 201 tasks; a search handles at most 200/,
  );
  assert.equal(
    studyLimits.tasks,
    MAX_HOA_TASKS,
    'the search refuses what the solver would refuse after training',
  );
});

test('#7 integers are plain decimal digits: 0x10, 1e1, 0b1 are refused, not read as 16, 10, 1', () => {
  const refused: [Record<string, string>, string][] = [
    [{ rows: '0x10' }, '--rows must be a positive integer in plain decimal digits (got "0x10")'],
    [{ seeds: '1e1' }, '--seeds must be a positive integer in plain decimal digits (got "1e1")'],
    [{ budget: '0b1' }, '--budget must be a positive integer in plain decimal digits (got "0b1")'],
    [{ epochs: '4.0' }, '--epochs must be a positive integer in plain decimal digits (got "4.0")'],
    [{ seed: '0o7' }, '--seed must be an integer ≥ 0 in plain decimal digits (got "0o7")'],
    [
      { batchSize: '+256' },
      '--batch-size must be a positive integer in plain decimal digits (got "+256")',
    ],
    [
      { workers: '1e0' },
      '--workers must be a positive integer in plain decimal digits (got "1e0")',
    ],
  ];
  for (const [flags, message] of refused) {
    assert.throws(
      () => resolveSearchConfig({ ...base, ...flags }),
      (error: Error) => error.message === message,
    );
  }
  assert.equal(integerInRange('--rows', ' 16 ', 1), 16, 'spaces around the digits are fine');
  assert.equal(integerInRange('config.rows', 16, 1), 16, 'a JSON number is a number');
  assert.throws(
    () => integerInRange('--rows', '99999999999999999999', 1),
    /--rows must be a positive integer \(got "99999999999999999999"\)/,
  );
  assert.throws(
    () => integerInRange('--rows', '-3', 1),
    /--rows must be a positive integer \(got "-3"\)/,
  );
});

test('#7 real numbers are decimal or scientific, never hex or Infinity', () => {
  assert.equal(positiveNumber('config.proxy.learningRate', '3e-3'), 0.003);
  assert.throws(() => positiveNumber('--x', '0x1'), /--x must be a positive number \(got "0x1"\)/);
  assert.throws(() => positiveNumber('--x', 'Infinity'), /--x must be a positive number/);
  assert.deepEqual(weightList('--weights', '2,0.5', ['a', 'b']), [2, 0.5]);
  assert.throws(
    () => weightList('--weights', '0x2,1', ['a', 'b']),
    /--weights: weight of "a" must be a number ≥ 0 \(got "0x2"\)/,
  );
});
