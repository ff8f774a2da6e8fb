import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import {
  capabilityRefusal,
  capableTrainers,
  checkCapable,
} from '../../src/proxy/trainers/capabilities.js';
import { resolveTrainer, TRAINERS } from '../../src/proxy/trainers/index.js';
import { capabilitiesOf } from '../../src/proxy/trainers/names.js';
import type { RunSpec } from '../../src/proxy/types.js';
import { run } from './helpers.js';

const withLookahead = (spec: RunSpec, every: number): RunSpec => ({
  ...spec,
  lookahead: { every },
});

test('every trainer carries the capabilities its name declares, and only the kernels measure the lookahead', () => {
  for (const trainer of TRAINERS)
    assert.deepEqual(trainer.capabilities, capabilitiesOf(trainer.name));
  assert.deepEqual(capableTrainers('auto', ['lookahead']), ['native-kernels', 'wasm-kernels']);
  assert.deepEqual(capableTrainers('wasm', ['lookahead']), ['native-kernels', 'wasm-kernels']);
  for (const choice of ['cpu', 'node', 'tfjs-wasm'])
    assert.deepEqual(capableTrainers(choice, ['lookahead']), []);
  assert.deepEqual(capableTrainers('cpu', []), ['tfjs-cpu'], 'a plain run needs no capability');
});

test('a backend that cannot do what a method needs is refused in one line that names the way out', () => {
  assert.equal(capabilityRefusal('auto', ['lookahead']), undefined);
  assert.equal(
    capabilityRefusal('cpu', ['lookahead']),
    "trains its lookahead runs on taskgroup's kernels; use --backend wasm or auto",
  );
  assert.throws(
    () => resolveTrainer('tfjs-cpu', undefined, ['lookahead']),
    (error: Error & { exitCode?: number }) =>
      error instanceof UsageError &&
      error.exitCode === 2 &&
      error.message ===
        "--backend tfjs-cpu: trains its lookahead runs on taskgroup's kernels; use --backend wasm or auto",
  );
  assert.ok(
    ['native-kernels', 'wasm-kernels'].includes(
      resolveTrainer('auto', undefined, ['lookahead']).name,
    ),
  );
});

test('a trainer refuses a run that asks for what it cannot do, before training any', () => {
  const specs = [run([0]), withLookahead(run([0, 1]), 5)];
  assert.doesNotThrow(() => checkCapable('wasm-kernels', specs));
  assert.throws(
    () => checkCapable('tfjs-wasm', specs),
    /^UsageError: run 0\+1@1: lookahead runs train on taskgroup's kernels only: use --backend wasm \(this trainer is tfjs-wasm\)$/,
  );
});
