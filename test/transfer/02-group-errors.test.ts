import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitGroupErrors, sizeShape } from '../../src/transfer/index.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

test('with only the all-in-one network measured, the correction reproduces it and fades to nothing at pairs', () => {
  const anchor = [-0.01, 0.004, 0, -0.002, 0.006, -0.008];
  const model = fitGroupErrors({ taskCount: 6, anchor, measured: [], priorSigma: 0.003 });
  anchor.forEach((a, i) => {
    assert.ok(
      close(model.correction[i][6], a),
      `task ${i}: at n the correction is the measured error`,
    );
    assert.equal(model.correction[i][2], 0);
    assert.ok(
      close(model.correction[i][4], (a * Math.log(3)) / Math.log(5)),
      'in between it follows ln(s − 1)',
    );
  });
  assert.equal(model.groups, 0);
  assert.ok(close(model.sigma, 0.003), 'no group measured: the prior sigma');
});

test('measured groups whose errors follow the anchor confirm it; groups that contradict it pull the fit towards them', () => {
  const n = 8;
  const anchor = [0.01, 0.01, 0.01, 0.01, -0.01, -0.01, -0.01, -0.01];
  const follow = [
    [0, 1, 2],
    [4, 5, 6, 7],
    [0, 4, 5],
  ].map((tasks) => ({ tasks, error: tasks.map((t) => anchor[t] * sizeShape(tasks.length, n)) }));
  const confirmed = fitGroupErrors({ taskCount: n, anchor, measured: follow, priorSigma: 0.004 });
  assert.ok(
    close(confirmed.anchorWeight, 1, 1e-9) && close(confirmed.intercept, 0, 1e-9),
    'exact data keep (a, b) = (0, 1)',
  );
  assert.ok(confirmed.sigma < 0.004, 'a model that explains every group is surer than the prior');
  // Every measured group does 2 % better than its pairs, whatever the anchor says.
  const better = [
    [0, 1, 2],
    [1, 2, 3],
    [4, 5, 6],
    [5, 6, 7],
    [0, 1, 4, 5],
    [2, 3, 6, 7],
  ].map((tasks) => ({ tasks, error: tasks.map(() => -0.02) }));
  const contradicted = fitGroupErrors({
    taskCount: n,
    anchor,
    measured: better,
    priorSigma: 0.004,
  });
  assert.ok(
    contradicted.correction[0][3] < 0 && contradicted.correction[4][3] < 0,
    'groups of three are now expected to beat their pairs',
  );
  assert.ok(contradicted.intercept < -0.01, `a pooled gain is learned: ${contradicted.intercept}`);
  assert.ok(
    contradicted.sigma > confirmed.sigma,
    'a model that misses the groups knows it is less sure',
  );
});
