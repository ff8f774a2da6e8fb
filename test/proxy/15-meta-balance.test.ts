import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import type { KernelNetwork } from '../../src/proxy/kernels/kernelNetwork.js';
import { gradientStep, openNetwork, openPass } from '../../src/proxy/kernels/kernelTrainer.js';
import { checkCapable } from '../../src/proxy/trainers/capabilities.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import type { ProxySettings, RunSpec } from '../../src/proxy/types.js';
import { run, tinyDataset, tinySettings, withEmbeddings } from './helpers.js';

// MetaBalance (kernels/metaBalance.ts): on the bottom, g = g_M + Σ_a R·‖g_M‖/‖g_a‖·g_a. Checked
// against the direct computation: each group's gradient from a backward pass in which every
// other task's logit gradients are zero, then the formula.

const balanced = (
  tasks: number[],
  aux: number[],
  ratio = 0.7,
  settings = tinySettings,
): RunSpec => ({
  ...run(tasks, 1, settings),
  auxBalance: { ratio, aux },
});

/** The balanced bottom gradient of one batch, and the one the formula gives from each group's. */
function bottomGradients(spec: RunSpec, ds = tinyDataset({ tasks: 4 })) {
  const arena = kernelArena();
  const pass = openPass(ds, [spec], arena);
  const { net, balance } = openNetwork(pass, spec);
  const network = net as KernelNetwork;
  const rows = Int32Array.from({ length: 37 }, (_, i) => (i * 7) % pass.rows);
  const { scratch, inputs } = pass;
  const last = network.layout.bottom[network.layout.bottom.length - 1];
  const bottom = () => Float32Array.from(network.gradsView.subarray(0, last.b + last.out));
  gradientStep(pass, spec.tasks, net, undefined, rows);
  const logitGradients = Float32Array.from(scratch.dlogitsView);
  const only = (positions: number[]) => {
    scratch.dlogitsView.set(logitGradients);
    spec.tasks.forEach((_, p) => {
      if (!positions.includes(p))
        scratch.dlogitsView.fill(0, p * scratch.batchCap, (p + 1) * scratch.batchCap);
    });
    net.backward(arena.k, scratch, scratch.x, inputs.width, rows.length);
    return bottom();
  };
  const { aux, ratio } = spec.auxBalance!;
  const auxPositions = aux.map((t) => spec.tasks.indexOf(t));
  const main = only(spec.tasks.flatMap((t, p) => (aux.includes(t) ? [] : [p])));
  const expected = Float64Array.from(main);
  const norm = (g: Float32Array) => Math.sqrt(g.reduce((s, x) => s + x * x, 0));
  for (const p of auxPositions) {
    const g = only([p]);
    const factor = (ratio * norm(main)) / norm(g);
    g.forEach((x, i) => (expected[i] += factor * x));
  }
  scratch.dlogitsView.set(logitGradients);
  net.backward(arena.k, scratch, scratch.x, inputs.width, rows.length);
  const plain = bottom();
  balance!.rebalance(network, rows.length);
  return { got: bottom(), expected, plain, main };
}

function assertClose(got: Float32Array, expected: Float64Array, what: string) {
  const scale = Math.max(...Array.from(expected, Math.abs));
  const worst = Math.max(...Array.from(got, (x, i) => Math.abs(x - expected[i])));
  assert.ok(worst <= 2e-5 * scale, `${what}: largest difference ${worst} (scale ${scale})`);
}

const shapes: [string, Partial<ProxySettings>][] = [
  ['bottom 8-5, tower 4', {}],
  ['bottom 7, towers 4-3', { bottom: [7], tower: [4, 3] }],
  ['no tower layer', { tower: [] }],
];

for (const [name, shape] of shapes) {
  test(`the balanced bottom gradient is g_M + Σ R·‖g_M‖/‖g_a‖·g_a, computed directly (${name})`, () => {
    const settings = { ...tinySettings, ...shape };
    for (const [tasks, aux] of [
      [[0, 1, 2], [2]],
      [
        [0, 1, 2, 3],
        [1, 3],
      ],
    ]) {
      const { got, expected, plain } = bottomGradients(balanced(tasks, aux, 0.7, settings));
      assertClose(got, expected, `${name}, tasks ${tasks}, aux ${aux}`);
      assert.ok(
        plain.some((x, i) => Math.abs(x - got[i]) > 1e-6),
        'balancing changed it',
      );
    }
  });
}

test("each auxiliary then pulls on the bottom with R times the main tasks' strength", () => {
  const norm = (g: ArrayLike<number>) => Math.sqrt(Array.from(g).reduce((s, x) => s + x * x, 0));
  for (const ratio of [1, 0.3]) {
    const { got, main } = bottomGradients(balanced([0, 1, 2], [2], ratio));
    const share = Array.from(got, (x, i) => x - main[i]);
    const relative = norm(share) / (ratio * norm(main));
    assert.ok(Math.abs(relative - 1) < 1e-4, `R = ${ratio}: ${relative}`);
  }
});

test("a balanced run trains, its losses differ from the plain run's, and it is the same run every time", async () => {
  const ds = tinyDataset({ tasks: 4 });
  const spec = balanced([0, 1, 3], [3], 0.7);
  const [plain, first, again] = await trainRuns(ds, [
    run([0, 1, 3]),
    spec,
    { ...spec, key: 'again' },
  ]);
  assert.ok(first.losses.every(Number.isFinite));
  assert.notDeepEqual(first.losses, plain.losses);
  assert.deepEqual(again.losses, first.losses);
});

test('a balanced run with embedded columns trains to finite losses', async () => {
  const ds = withEmbeddings(tinyDataset({ tasks: 3 }), [
    { column: 'user', dim: 5, rows: 64, used: 40 },
  ]);
  const [result] = await trainRuns(ds, [balanced([0, 1, 2], [1, 2])]);
  assert.ok(result.losses.every(Number.isFinite));
});

test('MMoE runs and runs without a bottom or a main task refuse balancing, in one line', async () => {
  const ds = tinyDataset();
  const mmoe = { ...balanced([0, 1, 2], [2]), architecture: { name: 'mmoe' as const, experts: 2 } };
  await assert.rejects(
    trainRuns(ds, [mmoe]),
    (e: Error) =>
      e instanceof UsageError &&
      e.message ===
        "run 0+1+2@1: auxiliary balancing rescales a shared bottom's gradients (not mmoe's)",
  );
  await assert.rejects(trainRuns(ds, [balanced([0, 1], [0, 1])]), /leaving at least one main task/);
  const noBottom = balanced([0, 1], [1], 0.7, { ...tinySettings, bottom: [] });
  await assert.rejects(trainRuns(ds, [noBottom]), /needs a shared bottom/);
});

test('the TensorFlow.js trainers refuse balanced runs through the capability check', () => {
  const specs = [run([0]), balanced([0, 1], [1])];
  assert.doesNotThrow(() => checkCapable('native-kernels', specs));
  assert.throws(
    () => checkCapable('tfjs-cpu', specs),
    /^UsageError: run 0\+1@1: balanced runs train on taskgroup's kernels only: use --backend wasm \(this trainer is tfjs-cpu\)$/,
  );
});
