import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochOrder, Prng, streamSeed } from '../../src/proxy/prng.js';

test('a stream seed depends on every part and on their order', () => {
  assert.equal(streamSeed(1, 2, 3), streamSeed(1, 2, 3));
  assert.notEqual(streamSeed(1, 2, 3), streamSeed(1, 3, 2));
  assert.notEqual(streamSeed(1, 2, 3), streamSeed(2, 2, 3));
});

test('the generator is reproducible and uniform enough on [0, 1)', () => {
  const a = new Prng(42);
  const b = new Prng(42);
  let sum = 0;
  for (let i = 0; i < 10000; i++) {
    const v = a.next();
    assert.equal(v, b.next());
    assert.ok(v >= 0 && v < 1);
    sum += v;
  }
  assert.ok(Math.abs(sum / 10000 - 0.5) < 0.02);
});

test('an epoch order is a permutation fixed by (seed, epoch) alone', () => {
  const order = epochOrder(1000, 5, 0);
  assert.deepEqual(
    [...order].sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.deepEqual(order, epochOrder(1000, 5, 0));
  assert.notDeepEqual(order, epochOrder(1000, 5, 1));
  assert.notDeepEqual(order, epochOrder(1000, 6, 0));
});
