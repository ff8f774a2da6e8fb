import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EncodedDataset } from '../../src/data/types.js';
import { UsageError } from '../../src/errors.js';
import { initialMmoeParams, MmoeLayout } from '../../src/proxy/architectures/mmoeLayout.js';
import { initialEmbeddingRow } from '../../src/proxy/init.js';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { openWasmKernels } from '../../src/proxy/kernels/wasmKernels.js';
import { gradientStep, openNetwork, openPass } from '../../src/proxy/kernels/kernelTrainer.js';
import { Prng } from '../../src/proxy/prng.js';
import { trainerNamed } from '../../src/proxy/trainers/index.js';
import { capabilitiesOf } from '../../src/proxy/trainers/names.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import type { ProxySettings, RunSpec } from '../../src/proxy/types.js';
import { run, tinyDataset, tinySettings, withEmbeddings } from './helpers.js';
import { referenceLoss } from './referenceNetwork.js';

// The hand-written backward passes of MMoE and of the embeddings against central finite
// differences of the training loss, computed in float64 from the formulas (referenceNetwork.ts):
// every dense parameter, and every element of every embedding row the batch touched.

const EMBEDDED = [
  { column: 'user', dim: 5, rows: 40, used: 12 },
  { column: 'item', dim: 3, rows: 20, used: 20 },
];
const mmoe = (experts: number) => ({ name: 'mmoe' as const, experts });

/** Parameters and tables with nonzero biases, so that every formula is exercised. */
function perturbed(values: Float32Array, seed: number): Float32Array {
  const prng = new Prng(seed);
  return Float32Array.from(values, (v) => (v === 0 ? 0.1 * (prng.next() - 0.5) : v));
}

interface Gradients {
  params: Float32Array;
  grads: Float32Array;
  tables: Float32Array[];
  /** Per column: the touched rows and their gradients (touched × dim). */
  rows: { rows: Int32Array; grads: Float32Array }[];
}

/** The kernels' gradients on one batch, from the spec's initial weights made less regular. */
function kernelGradients(ds: EncodedDataset, spec: RunSpec, rows: Int32Array): Gradients {
  const arena = kernelArena();
  const pass = openPass(ds, [spec], arena);
  const { net, tables } = openNetwork(pass, spec);
  const params = perturbed(net.paramsView, 5);
  net.paramsView.set(params);
  gradientStep(pass, spec.tasks, net, tables, rows);
  const batch = pass.inputs.batch;
  const columns = ds.embed?.columns ?? [];
  return {
    params,
    grads: Float32Array.from(net.gradsView),
    tables: columns.map((_, c) => Float32Array.from(tables!.table(arena, c))),
    rows: columns.map((column, c) => {
      const at = tables!.rowGradients(arena.k, batch!, rows.length, c);
      const u = batch!.touched[c];
      return {
        rows: Int32Array.from(arena.i32(batch!.of(batch!.rows, c), u)),
        grads: Float32Array.from(arena.f32(at, u * column.dim)),
      };
    }),
  };
}

/** Central difference of the reference loss in one number of `values` (float64 copies). */
function finiteDifference(
  loss: (values: Float64Array) => number,
  base: ArrayLike<number>,
  i: number,
) {
  const h = 1e-6;
  const values = Float64Array.from(base);
  values[i] = base[i] + h;
  const up = loss(values);
  values[i] = base[i] - h;
  return (up - loss(values)) / (2 * h);
}

function assertClose(actual: number[], expected: number[], what: string): void {
  const scale = Math.max(1e-3, ...expected.map(Math.abs));
  let worst = 0;
  actual.forEach((a, i) => (worst = Math.max(worst, Math.abs(a - expected[i]))));
  assert.ok(worst <= 2e-4 * scale, `${what}: largest difference ${worst} (scale ${scale})`);
  assert.ok(
    expected.some((g) => Math.abs(g) > 1e-4 * scale),
    `${what}: all reference gradients ~0`,
  );
}

function checkGradients(ds: EncodedDataset, spec: RunSpec, what: string): void {
  const rows = Int32Array.from({ length: 37 }, (_, i) => (i * 7) % 250);
  const g = kernelGradients(ds, spec, rows);
  const withParams = (p: Float64Array) => referenceLoss(ds, spec, rows, p, g.tables);
  const fd = Array.from(g.params, (_, i) => finiteDifference(withParams, g.params, i));
  assertClose(Array.from(g.grads), fd, `${what}: parameters`);
  g.rows.forEach(({ rows: touched, grads }, c) => {
    const dim = ds.embed!.columns[c].dim;
    const withTable = (t: Float64Array) =>
      referenceLoss(
        ds,
        spec,
        rows,
        g.params,
        g.tables.map((old, j) => (j === c ? t : old)),
      );
    const expected = Array.from(touched).flatMap((row) =>
      Array.from({ length: dim }, (_, k) =>
        finiteDifference(withTable, g.tables[c], row * dim + k),
      ),
    );
    assertClose(Array.from(grads), expected, `${what}: rows of embedded column ${c}`);
  });
}

const shapes: [string, Partial<ProxySettings>, RunSpec['architecture']][] = [
  ['shared bottom 8-5, tower 4', {}, undefined],
  ['MMoE, 3 experts of 8-5, tower 4', {}, mmoe(3)],
  ['MMoE, 2 experts of 7, towers 4-3', { bottom: [7], tower: [4, 3] }, mmoe(2)],
  ['MMoE, 4 experts of 6, no tower layer', { bottom: [6], tower: [] }, mmoe(4)],
];

for (const [name, shape, architecture] of shapes) {
  test(`backward matches finite differences of the loss: ${name}, with embedded columns`, () => {
    const spec = { ...run([0, 1, 2], 11, { ...tinySettings, ...shape }), architecture };
    checkGradients(withEmbeddings(tinyDataset(), EMBEDDED), spec, name);
  });
}

test('MMoE backward matches finite differences without embedded columns, one task', () => {
  checkGradients(tinyDataset(), { ...run([1], 2), architecture: mmoe(3) }, 'MMoE alone');
});

test('a step moves only the embedding rows its batch touched, as dense Adam moves them, bit for bit', () => {
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const spec = run([0, 2], 4);
  const arena = kernelArena();
  const pass = openPass(ds, [spec], arena);
  const { net, tables } = openNetwork(pass, spec);
  const rows = Int32Array.from({ length: 29 }, (_, i) => (i * 11) % 250);
  gradientStep(pass, spec.tasks, net, tables, rows);
  const batch = pass.inputs.batch!;
  const columns = ds.embed!.columns;
  const before = columns.map((_, c) => Float32Array.from(tables!.table(arena, c)));
  // Dense Adam's first step over each whole table, the touched rows' gradients in place and zero
  // elsewhere, in another instance of the kernels.
  const expected = columns.map((column, c) => {
    const at = tables!.rowGradients(arena.k, batch, rows.length, c);
    const touched = arena.i32(batch.of(batch.rows, c), batch.touched[c]);
    const grads = arena.f32(at, touched.length * column.dim);
    const dense = new Float32Array(before[c].length);
    touched.forEach((row, j) =>
      dense.set(grads.subarray(j * column.dim, (j + 1) * column.dim), row * column.dim),
    );
    return denseAdamStep(before[c], dense, 0.01);
  });
  tables!.step(arena.k, batch, rows.length, 0.01);
  columns.forEach((column, c) => {
    const after = tables!.table(arena, c);
    const bits = new Uint32Array(after.buffer, after.byteOffset, after.length);
    const before32 = new Uint32Array(before[c].buffer);
    const touched = new Set(arena.i32(batch.of(batch.rows, c), batch.touched[c]));
    assert.ok(touched.size > 1 && touched.size < column.rows, `column ${c}: ${touched.size} rows`);
    for (let i = 0; i < after.length; i++) {
      const row = Math.floor(i / column.dim);
      const want = touched.has(row) ? expected[c][i] : before32[i];
      assert.equal(
        bits[i],
        want,
        `column ${c}, row ${row}${touched.has(row) ? '' : ' (untouched)'}`,
      );
    }
  });
});

/** The bits of `w` after one dense Adam step with gradient `g` from zero moments. */
function denseAdamStep(w: Float32Array, g: Float32Array, lr: number): Uint32Array {
  const other = openWasmKernels();
  const [wAt, gAt, m, v] = [w, g, new Float32Array(w.length), new Float32Array(w.length)].map((a) =>
    other.allocFrom(a),
  );
  other.k.adam(
    wAt,
    gAt,
    m,
    v,
    w.length,
    lr / (1 - 0.9),
    0.9,
    0.999,
    1 / Math.sqrt(1 - 0.999),
    1e-7,
  );
  return Uint32Array.from(new Uint32Array(other.f32(wAt, w.length).buffer, wAt, w.length));
}

test('MMoE runs {i} and {i,j} of one seed start from the same experts, gate i and tower i', () => {
  const width = 9;
  const alone = new MmoeLayout(width, tinySettings, 1, 3);
  const pair = new MmoeLayout(width, tinySettings, 2, 3);
  const a = initialMmoeParams(alone, 3, [2]);
  const b = initialMmoeParams(pair, 3, [0, 2]);
  assert.deepEqual(a.subarray(0, alone.expert.end), b.subarray(0, pair.expert.end));
  const gate = (layout: MmoeLayout, params: Float32Array, p: number) =>
    Array.from({ length: width * 3 }, (_, i) => {
      const [row, e] = [Math.floor(i / 3), i % 3];
      return params[layout.gate.w + row * layout.gate.out + p * 3 + e];
    });
  assert.deepEqual(gate(alone, a, 0), gate(pair, b, 1));
  assert.notDeepEqual(gate(pair, b, 0), gate(pair, b, 1));
  const tower = (layout: MmoeLayout, params: Float32Array, p: number) =>
    layout.tower.flatMap((layer, l) =>
      Array.from(
        { length: layer.in * layer.out },
        (_, i) => params[layout.towerWeight(l, p, Math.floor(i / layer.out), i % layer.out)],
      ),
    );
  assert.deepEqual(tower(alone, a, 0), tower(pair, b, 1));
  const row = (column: number, r: number) => {
    const out = new Float32Array(4);
    initialEmbeddingRow(3, column, r, 4, out, 0);
    return out;
  };
  assert.deepEqual(row(1, 7), row(1, 7));
  assert.notDeepEqual(row(1, 7), row(0, 7));
  assert.notDeepEqual(row(1, 7), row(1, 8));
});

test('a spec without an architecture trains the shared bottom, bitwise as one that names it', async () => {
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const plain = run([0, 1], 6);
  const named = { ...plain, key: 'named', architecture: { name: 'shared-bottom' as const } };
  const other = { ...plain, key: 'mmoe', architecture: mmoe(2) };
  const [a, b, c] = await trainRuns(ds, [plain, named, other]);
  assert.deepEqual(a.losses, b.losses);
  assert.notDeepEqual(a.losses, c.losses);
});

test('a spec with an unknown architecture, bad experts, or MMoE without expert layers is refused naming the field', async () => {
  const ds = tinyDataset();
  const refused = async (spec: RunSpec, message: RegExp) =>
    assert.rejects(
      trainRuns(ds, [spec]),
      (err: unknown) => err instanceof UsageError && message.test(err.message),
    );
  const spec = run([0, 1], 1);
  await refused(
    { ...spec, architecture: { name: 'ple' as 'mmoe' } },
    /^run 0\+1@1: architecture must be one of shared-bottom, mmoe \(got "ple"\)$/,
  );
  for (const experts of [0, 65, 2.5])
    await refused(
      { ...spec, architecture: mmoe(experts) },
      /architecture\.experts must be an integer from 1 to 64/,
    );
  await refused(
    { ...spec, architecture: { name: 'shared-bottom', experts: 4 } },
    /shared-bottom takes no experts/,
  );
  await refused(
    { ...run([0], 1, { ...tinySettings, bottom: [] }), architecture: mmoe(2) },
    /an MMoE run needs expert layers/,
  );
  await assert.rejects(
    trainRuns(withEmbeddings(ds, EMBEDDED), [run([0], 1, { ...tinySettings, bottom: [] })]),
    /embedded columns feed the bottom's first layer, and settings.bottom is empty/,
  );
});

test('a lookahead run with MMoE is refused in one line, as are MMoE and embedded columns on a tfjs trainer', async () => {
  const ds = tinyDataset();
  const lookahead = { ...run([0, 1, 2], 1), lookahead: { every: 2 } };
  await assert.rejects(
    trainRuns(ds, [{ ...lookahead, architecture: mmoe(2) }]),
    /^UsageError: run 0\+1\+2@1: a lookahead run trains the shared-bottom network only \(not mmoe\)$/,
  );
  const tfjs = trainerNamed('tfjs-cpu');
  await assert.rejects(
    tfjs.train(ds, [{ ...run([0, 1], 1), architecture: mmoe(2) }]),
    /^UsageError: run 0\+1@1: expert networks train on taskgroup's kernels only: use --backend wasm \(this trainer is tfjs-cpu\)$/,
  );
  await assert.rejects(
    tfjs.train(withEmbeddings(ds, EMBEDDED), [run([0, 1], 1)]),
    /^UsageError: run 0\+1@1: embedding layers train on taskgroup's kernels only: use --backend wasm \(this trainer is tfjs-cpu\)$/,
  );
});

test('networks trained in one pass with embedded columns give bitwise the losses each gives alone', async () => {
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const specs = [
    { ...run([0, 1, 2], 8), architecture: mmoe(3) },
    run([1], 8),
    { ...run([0, 2], 8), architecture: mmoe(2) },
    run([0, 1, 2], 8),
  ];
  const together = await trainRuns(ds, specs);
  for (const [i, spec] of specs.entries()) {
    const [alone] = await trainRuns(ds, [spec]);
    assert.deepEqual(alone.losses, together[i].losses, spec.key);
  }
});

test('the kernels declare embeddings, experts and balancing, and their trainers train MMoE runs on embedded columns', async () => {
  for (const name of ['native-kernels', 'wasm-kernels']) {
    assert.deepEqual([...capabilitiesOf(name)].sort(), [
      'balance',
      'embeddings',
      'experts',
      'lookahead',
    ]);
  }
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const [result] = await trainerNamed('wasm-kernels').train(ds, [
    { ...run([0, 1], 1), architecture: mmoe(2) },
  ]);
  assert.equal(result.losses.length, 2);
});
