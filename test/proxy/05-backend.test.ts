import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { UsageError } from '../../src/errors.js';
import { activeBackend, initBackend } from '../../src/proxy/backend.js';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import type { BackendName } from '../../src/proxy/types.js';
import { run, tinyDataset } from './helpers.js';

test('auto falls back to wasm when tfjs-node is not installed', async () => {
  assert.equal(await initBackend('auto'), 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
});

test('asking for node without tfjs-node is a usage error naming --backend', async () => {
  await assert.rejects(initBackend('node'), (err: unknown) =>
    err instanceof UsageError && /--backend node/.test(err.message) && err.exitCode === 2);
});

test('cpu is used only when asked, and wasm can be chosen again', async () => {
  assert.equal(await initBackend('cpu'), 'cpu');
  assert.equal(activeBackend(), 'cpu');
  assert.equal(await initBackend('wasm'), 'wasm');
});

test('an unknown backend name is a usage error', async () => {
  await assert.rejects(initBackend('gpu' as BackendName), /--backend must be one of auto, node, wasm, cpu/);
});

test('on the cpu backend the plain tfjs trainer runs and agrees with the wasm kernels', async () => {
  const ds = tinyDataset();
  const spec = run([0, 1]);
  await initBackend('cpu');
  const [onCpu] = await trainRuns(ds, [spec]);
  await initBackend('wasm');
  const [onWasm] = await trainRuns(ds, [spec]);
  assert.equal(onCpu.backend, 'cpu');
  assert.equal(onWasm.backend, kernelArena().build.name);
  onCpu.losses.forEach((loss, p) => assert.ok(Math.abs(loss - onWasm.losses[p]) < 1e-4, `${loss} vs ${onWasm.losses[p]}`));
});
