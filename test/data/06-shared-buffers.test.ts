import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadDataset } from '../../src/data/loadDataset.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const file = files.write(
  'shared.csv',
  table(['x', 'c', 'a', 'b'], 120, (i) => [i, ['u', 'v', 'w'][i % 3], i % 2, i % 5]),
);

describe('shared buffers', () => {
  it('puts trainX, valX, trainY and valY on SharedArrayBuffers of the documented shapes', async () => {
    const d = await loadDataset({ file, tasks: [{ name: 'a' }, { name: 'b' }] });
    for (const [name, array, length] of [
      ['trainX', d.trainX, d.trainRows * d.dim],
      ['valX', d.valX, d.valRows * d.dim],
      ['trainY', d.trainY, d.trainRows * 2],
      ['valY', d.valY, d.valRows * 2],
    ] as const) {
      assert.ok(array instanceof Float32Array, name);
      assert.ok(array.buffer instanceof SharedArrayBuffer, `${name} is not on a SharedArrayBuffer`);
      assert.equal(array.length, length, name);
    }
    assert.equal(d.featureNames.length, d.dim);
  });

  it('hands a worker the same memory: a write in the worker is seen by the main thread', async () => {
    const d = await loadDataset({ file, tasks: [{ name: 'a' }, { name: 'b' }] });
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       workerData.trainX[0] = 12345;
       parentPort.postMessage(workerData.trainX.length);`,
      { eval: true, workerData: d },
    );
    const [length] = await once(worker, 'message');
    await worker.terminate();
    assert.equal(length, d.trainX.length);
    assert.equal(d.trainX[0], 12345);
  });
});
