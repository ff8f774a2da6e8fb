import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunSpec } from '../../src/proxy/types.js';
import { RunPacker, runsPerJob } from '../../src/queue/runBatches.js';

const spec = (key: string) => ({ key }) as RunSpec;

test('a job holds about a second of training, 32 runs at most, one run while none is measured', () => {
  assert.equal(runsPerJob(undefined), 1);
  assert.equal(runsPerJob(100), 10);
  assert.equal(runsPerJob(5), 32);
  assert.equal(runsPerJob(1500), 1);
});

test('the first runs go out alone; the rest wait for the first answer, then share jobs of one dataset', async () => {
  const sent: [string[], string][] = [];
  const packer = new RunPacker((specs, fingerprint) =>
    sent.push([specs.map((s) => s.key), fingerprint]),
  );
  for (const key of ['a', 'b', 'c', 'd', 'e']) packer.add(spec(key), 'f1');
  packer.add(spec('x'), 'f2');
  assert.deepEqual(sent, [
    [['a'], 'f1'],
    [['b'], 'f1'],
  ]);
  packer.measured(400); // two runs a job
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(sent.slice(2), [
    [['c', 'd'], 'f1'],
    [['e'], 'f1'],
    [['x'], 'f2'],
  ]);
  packer.add(spec('g'), 'f1');
  packer.add(spec('h'), 'f1');
  assert.deepEqual(sent.at(-1), [['g', 'h'], 'f1'], 'a full job goes at once');
  packer.add(spec('i'), 'f1');
  assert.deepEqual(packer.drain(), [spec('i')], 'after a stop, what is not sent stays unsent');
  packer.close();
});
