import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { UsageError } from '../../src/errors.js';
import { activeBackend, initBackend } from '../../src/proxy/backend.js';
import type { BackendName } from '../../src/proxy/types.js';

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
