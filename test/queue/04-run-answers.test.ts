import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunSpec } from '../../src/proxy/types.js';
import { answerProblem } from '../../src/queue/jobs.js';

const settings = {
  rows: 100,
  epochs: 1,
  minSteps: 0,
  batchSize: 32,
  learningRate: 0.003,
  bottom: [8],
  tower: [4],
};
const lookaheadRun: RunSpec = {
  key: 'ab12',
  tasks: [0, 2],
  seed: 0,
  settings,
  lookahead: { every: 10 },
};
const answer = (result: Record<string, unknown>) => ({
  result: { key: 'ab12', losses: [0.5, 0.6], backend: 'wasm-kernels', trainMs: 3, ...result },
  identity: { version: '1.0.0', trainer: 'kernels' },
  worker: 'host:1:ab',
});

test("a lookahead run's answer is taken with its affinity and refused without it", () => {
  assert.equal(
    answerProblem(answer({ affinity: [0.1, -0.2, null, 0.3] }), lookaheadRun),
    undefined,
  );
  assert.match(answerProblem(answer({}), lookaheadRun) ?? '', /2×2 affinity/);
  assert.match(answerProblem(answer({ affinity: [0.1, 0.2] }), lookaheadRun) ?? '', /affinity/);
  const plain: RunSpec = { ...lookaheadRun, lookahead: undefined };
  assert.equal(answerProblem(answer({}), plain), undefined, 'a plain run needs none');
});
