import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transferHeatmapSvg } from '../../src/report/heatmap.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadFixture } from './fixture.js';

/**
 * The 'model' fixture widened to n tasks in networks of 8, listed in the matrix in an order
 * that interleaves the networks (as a CSV's columns may), with transfer only inside a network.
 */
function wideModel(n: number): ReportModel {
  const model = loadFixture('model');
  const tasks = Array.from({ length: n }, (_, t) => `objective_${t}`);
  const groupOf = (t: number) => t % Math.ceil(n / 8);
  const grouping: string[][] = [];
  tasks.forEach((task, t) => (grouping[groupOf(t)] ??= []).push(task));
  const matrix = tasks.map((_, i) =>
    tasks.map((__, j) => (i === j ? Number.NaN : groupOf(i) === groupOf(j) ? 0.04 : -0.001)),
  );
  const stderr = tasks.map(() => tasks.map(() => 0.002));
  return { ...model, tasks, grouping, transfer: { ...model.transfer, tasks, matrix, stderr } };
}

test('a 200-task heatmap stays readable and small: networks in blocks, one plain square per cell', () => {
  const svg = transferHeatmapSvg(wideModel(200));
  assert.equal(svg.match(/<rect [^>]*fill="#/g)?.length, 200 * 200, 'one square per cell');
  assert.equal(svg.match(/<rect [^>]*class="block"/g)?.length, 25, 'each network outlined');
  assert.doesNotMatch(svg, /<\/rect>|<circle/, 'no per-cell tooltip or mark at 40,000 cells');
  assert.ok(svg.length < 4_000_000, `the heatmap is ${svg.length} bytes`);
  // Rows follow the networks, not the matrix: the first 8 labels are network 1's tasks.
  const labels = [...svg.matchAll(/>(objective_\d+)</g)].map((m) => m[1]);
  const firstRows = labels.slice(0, 8).map((name) => Number(name.split('_')[1]) % 25);
  assert.deepEqual(firstRows, Array(8).fill(0), `first rows ${labels.slice(0, 8).join(', ')}`);
});

test('up to 60 tasks every cell keeps its tooltip with the exact value', () => {
  const svg = transferHeatmapSvg(wideModel(60));
  assert.equal(svg.match(/<rect [^>]*><title>T\(/g)?.length, 60 * 59);
});
