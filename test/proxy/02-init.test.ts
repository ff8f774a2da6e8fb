import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialParams } from '../../src/proxy/init.js';
import { NetworkLayout } from '../../src/proxy/layout.js';
import { tinySettings } from './helpers.js';

const settings = { ...tinySettings, tower: [4, 3] };
const dim = 6;

/** Task p's tower and head weights, in a fixed order, from a flat vector. */
function towerOf(layout: NetworkLayout, params: Float32Array, p: number): number[] {
  const values: number[] = [];
  layout.tower.forEach((layer, l) => {
    for (let r = 0; r < layer.in; r++)
      for (let c = 0; c < layer.out; c++) values.push(params[layout.towerWeight(l, p, r, c)]);
  });
  const head = layout.head;
  for (let k = 0; k < head.in; k++) values.push(params[head.w + p * head.in + k]);
  return values;
}

test('runs {i} and {i,j} of one seed start from the same bottom and the same tower i', () => {
  const alone = new NetworkLayout(dim, settings, 1);
  const pair = new NetworkLayout(dim, settings, 2);
  const a = initialParams(alone, 3, [2]);
  const b = initialParams(pair, 3, [0, 2]);
  const bottomEnd = alone.tower[0].w;
  assert.deepEqual(a.subarray(0, bottomEnd), b.subarray(0, bottomEnd));
  assert.deepEqual(towerOf(alone, a, 0), towerOf(pair, b, 1));
  assert.notDeepEqual(towerOf(pair, b, 0), towerOf(pair, b, 1));
});

test('another seed gives other initial weights', () => {
  const layout = new NetworkLayout(dim, settings, 1);
  assert.notDeepEqual(initialParams(layout, 1, [0]), initialParams(layout, 2, [0]));
});

test('weights are Glorot-uniform and biases start at zero', () => {
  const layout = new NetworkLayout(dim, settings, 2);
  const params = initialParams(layout, 1, [0, 1]);
  const first = layout.bottom[0];
  const limit = Math.sqrt(6 / (first.in + first.out));
  for (let i = 0; i < first.in * first.out; i++) assert.ok(Math.abs(params[first.w + i]) <= limit);
  for (let c = 0; c < first.out; c++) assert.equal(params[first.b + c], 0);
  assert.equal(params[layout.head.b + 1], 0);
});
