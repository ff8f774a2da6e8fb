import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Piscina } from 'piscina';
import { UsageError } from '../../src/errors.js';
import type { KernelArena, KernelExports } from '../../src/proxy/kernels/kernelArena.js';
import {
  KERNELS_ENV,
  kernelChoice,
  openKernels,
  useKernels,
} from '../../src/proxy/kernels/kernelModule.js';
import { nativeKernelsStatus, openNativeKernels } from '../../src/proxy/kernels/nativeKernels.js';
import { openWasmKernels } from '../../src/proxy/kernels/wasmKernels.js';
import { Prng } from '../../src/proxy/prng.js';
import { resolveTrainer } from '../../src/proxy/trainers/index.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import type { RunSpec } from '../../src/proxy/types.js';
import { trainWorkerFile } from '../../src/proxy/workerPath.js';
import type { TrainReply } from '../../src/pipeline/protocol.js';
import type { EncodedDataset } from '../../src/data/types.js';
import { run, tinyDataset, tinySettings, withEmbeddings } from './helpers.js';

// The native builds promise bitwise the numbers of kernels.wasm (so that cached runs stay valid
// whichever machine trained them): checked here on every kernel, with awkward sizes, denormals,
// signed zeros and NaN, then on whole training runs, in this thread and in a worker.
const native = nativeKernelsStatus();
const skip = native.available ? false : `the native kernels are ${native.reason}`;
const isas = native.available ? native.isas : [];

/** Inputs: mostly ordinary values, some tiny enough that their products are denormal. */
function inputs(n: number, seed: number): Float32Array {
  const prng = new Prng(seed);
  return Float32Array.from(
    { length: n },
    (_, i) => (prng.next() - 0.5) * (i % 7 === 3 ? 1e-20 : 1),
  );
}

type Call = (k: KernelExports, at: number[]) => void;

/** Runs `call` on the same inputs in `arena` and returns every buffer's bits afterwards. */
function bitsAfter(arena: KernelArena, buffers: Float32Array[], call: Call): Uint32Array[] {
  arena.reset();
  const at = buffers.map((b) => arena.allocFrom(b));
  call(arena.k, at);
  return at.map((ptr, i) =>
    Uint32Array.from(
      new Uint32Array(arena.f32(ptr, buffers[i].length).buffer, ptr, buffers[i].length),
    ),
  );
}

const wasm = openWasmKernels();
const builds = isas.map((isa) => ({ isa, arena: openNativeKernels(isa) }));

/** Every native build leaves every buffer bitwise as the wasm module does. */
function sameBits(what: string, buffers: Float32Array[], call: Call): void {
  const expected = bitsAfter(wasm, buffers, call);
  for (const { isa, arena } of builds)
    assert.deepEqual(bitsAfter(arena, buffers, call), expected, `${isa}: ${what}`);
}

test(
  'every native build computes the products bitwise as wasm, tiles, strips and tails alike',
  { skip },
  () => {
    for (const [M, K, N] of [
      [1, 1, 1],
      [3, 7, 5],
      [9, 64, 33],
      [17, 300, 69],
      [8, 40, 100],
      [2, 1024, 47],
      [5, 300, 57],
    ]) {
      const buffers = [inputs(M * K, M), inputs(K * N, K), inputs(M * N, N)];
      for (const acc of [0, 1]) {
        sameBits(`mm ${M}×${K}×${N} acc ${acc}`, buffers, (k, [A, B, C]) =>
          k.mm(A, K, 1, B, N, C, N, M, K, N, acc),
        );
        sameBits(`mm ${M}×${K}×${N} Aᵀ acc ${acc}`, buffers, (k, [A, B, C]) =>
          k.mm(A, 1, M, B, N, C, N, M, K, N, acc),
        );
      }
    }
  },
);

test('every native build runs the other kernels bitwise as wasm', { skip }, () => {
  const [M, K, T] = [11, 37, 3];
  const H = inputs(M * T * K, 1);
  sameBits('matvec', [inputs(M * K, 2), inputs(K, 3), inputs(3 * M, 4)], (k, [A, x, y]) =>
    k.matvec(A, K, x, y, 3, M, K),
  );
  for (const hs of [K, 0]) {
    sameBits(
      `head_bwd hs ${hs}`,
      [H, inputs(T * M, 5), inputs(T * K, 6), inputs(T * K, 7), inputs(M * T * K, 8)],
      (k, [h, dl, w, dw, dH]) => k.head_bwd(h, T * K, hs, dl, M, w, dw, dH, T, K, M),
    );
  }
  const special = Float32Array.from(inputs(M * K, 9), (v, i) => [v, -0, 0, NaN, -v][i % 5]);
  for (const relu of [0, 1]) {
    sameBits(`bias_act relu ${relu}`, [special, inputs(K, 10)], (k, [Z, b]) =>
      k.bias_act(Z, K, b, M, K, relu),
    );
  }
  sameBits('relu_bwd', [inputs(M * K, 11), special, new Float32Array(K)], (k, [D, h, db]) =>
    k.relu_bwd(D, K, h, K, M, K, db),
  );
  sameBits('transpose', [H, new Float32Array(M * K)], (k, [src, dst]) =>
    k.transpose(src, T * K, dst, M, K),
  );
  sameBits(
    'adam, 3 steps',
    [inputs(K, 12), inputs(K, 13), inputs(K, 14), Float32Array.from(inputs(K, 15), Math.abs)],
    (k, [w, g, m, v]) => {
      for (let t = 1; t <= 3; t++)
        k.adam(
          w,
          g,
          m,
          v,
          K,
          0.01 / (1 - 0.9 ** t),
          0.9,
          0.999,
          1 / Math.sqrt(1 - 0.999 ** t),
          1e-7,
        );
    },
  );
});

/** Int32 values as a buffer of bits, for sameBits (index arguments of the kernels). */
const ints = (values: number[]): Float32Array => new Float32Array(Int32Array.from(values).buffer);

test(
  'every native build gathers, scatters and updates embedding rows bitwise as wasm',
  { skip },
  () => {
    const [n, d, rows, ld] = [13, 19, 7, 23];
    const idx = ints(Array.from({ length: n }, (_, i) => (i * 5) % rows));
    sameBits(
      'gather_rows, strided',
      [new Float32Array(n * ld), inputs(rows * d, 20), idx],
      (k, [dst, src, i]) => k.gather_rows(dst + 4 * 2, ld, src, d, i, n, d),
    );
    // Slots of the rows above in order of first use, and the rows themselves: what a batch loads.
    const first = new Map<number, number>();
    const ids = Array.from(new Int32Array(idx.buffer));
    const slots = ids.map((row) =>
      first.has(row) ? first.get(row)! : (first.set(row, first.size), first.size - 1),
    );
    const u = first.size;
    sameBits(
      'scatter_rows',
      [new Float32Array(u * d), inputs(n * ld, 21), ints(slots)],
      (k, [g, src, slot]) => k.scatter_rows(g, src, ld, slot, n, u, d),
    );
    const table = () => inputs(rows * d, 22);
    sameBits(
      'adam_rows, 3 steps',
      [
        table(),
        inputs(u * d, 23),
        table(),
        Float32Array.from(table(), Math.abs),
        ints([...first.keys()]),
      ],
      (k, [w, g, m, v, touched]) => {
        for (let t = 1; t <= 3; t++)
          k.adam_rows(
            w,
            g,
            m,
            v,
            touched,
            u,
            d,
            0.01 / (1 - 0.9 ** t),
            0.9,
            0.999,
            1 / Math.sqrt(1 - 0.999 ** t),
            1e-7,
          );
      },
    );
  },
);

test(
  'every native build runs the gates and the mixture of experts bitwise as wasm',
  { skip },
  () => {
    const [M, T, E, H] = [11, 3, 5, 37];
    const [ldg, ldm, lde] = [T * E + 2, T * H + 1, E * H + 3];
    // Logits from tiny to large, ties and a NaN: the softmax's exponential over its whole range.
    const logits = Float32Array.from(
      inputs(M * ldg, 30),
      (v, i) => [v * 40, v, 0, 90 * v, NaN, v * 1e-30][i % 6],
    );
    sameBits('softmax_groups', [logits], (k, [z]) => k.softmax_groups(z, ldg, M, T, E));
    const gates = Float32Array.from(inputs(M * ldg, 31), Math.abs);
    sameBits(
      'mixture',
      [new Float32Array(M * ldm), gates, inputs(M * lde, 32)],
      (k, [mix, g, ex]) => k.mixture(mix, ldm, g, ldg, ex, lde, M, T, E, H),
    );
    sameBits(
      'mixture_bwd',
      [
        inputs(M * ldm, 33),
        gates,
        inputs(M * lde, 34),
        new Float32Array(M * lde),
        new Float32Array(M * ldg),
        new Float32Array(T * E),
      ],
      (k, [dmix, g, ex, dex, dz, db]) =>
        k.mixture_bwd(dmix, ldm, g, ldg, ex, lde, dex, dz, db, M, T, E, H),
    );
  },
);

/** Specs that reach every layout: bottom and towers, towers alone, bottom alone, neither. */
function specsOfEveryLayout(): RunSpec[] {
  const layouts = [
    {},
    { bottom: [] },
    { tower: [] },
    { bottom: [], tower: [] },
    { bottom: [19, 6], tower: [5, 3], batchSize: 50 },
  ];
  return layouts.flatMap((changes, i) =>
    [
      run([0], 3, { ...tinySettings, ...changes }),
      run([0, 1, 2], 3, { ...tinySettings, ...changes }),
    ].map((spec) => ({ ...spec, key: `${spec.key}/${i}` })),
  );
}

/** MMoE specs of several shapes, and shared-bottom ones, to train with embedded columns. */
function expertSpecs(): RunSpec[] {
  const mmoe = (experts?: number) => ({ name: 'mmoe' as const, experts });
  return [
    { ...run([0, 1, 2], 4), architecture: mmoe() },
    { ...run([1], 4, { ...tinySettings, tower: [] }), key: 'no-tower', architecture: mmoe(2) },
    {
      ...run([0, 2], 4, { ...tinySettings, bottom: [9], tower: [5, 3], batchSize: 50 }),
      key: 'deep',
      architecture: mmoe(3),
    },
    run([0, 1, 2], 4),
  ];
}

/** Every native build trains `specs` on `ds` to bitwise the losses of the wasm build. */
async function sameLosses(ds: EncodedDataset, specs: RunSpec[]): Promise<void> {
  useKernels('wasm');
  const expected = await trainRuns(ds, specs);
  assert.ok(expected.every((r) => r.backend === 'wasm-kernels'));
  for (const isa of isas) {
    useKernels(openNativeKernels(isa));
    const results = await trainRuns(ds, specs);
    assert.ok(results.every((r) => r.backend === 'native-kernels'));
    results.forEach((r, i) =>
      r.losses.forEach((loss, p) =>
        assert.ok(
          Object.is(loss, expected[i].losses[p]),
          `${isa}, ${r.key}, task ${p}: ${loss} vs ${expected[i].losses[p]}`,
        ),
      ),
    );
  }
  useKernels(kernelChoice());
}

test(
  'MMoE runs, and runs with embedded columns, give bitwise the losses of wasm on every native build',
  { skip },
  async () => {
    const ds = tinyDataset();
    await sameLosses(ds, expertSpecs());
    const embedded = withEmbeddings(ds, [
      { column: 'user', dim: 5, rows: 64, used: 40 },
      { column: 'item', dim: 16, rows: 300, used: 300 },
    ]);
    await sameLosses(embedded, expertSpecs());
  },
);

test('whole training runs give bitwise the losses of wasm on every native build', { skip }, () =>
  sameLosses(tinyDataset(), specsOfEveryLayout()),
);

test(
  'balanced runs (--aux-balance metabalance) give bitwise the losses of wasm on every native build',
  { skip },
  async () => {
    const balanced = (tasks: number[], aux: number[], settings = tinySettings): RunSpec => ({
      ...run(tasks, 2, settings),
      key: `balanced ${tasks}/${aux}/${settings.tower.length}`,
      auxBalance: { ratio: 0.7, aux },
    });
    const specs = [
      balanced([0, 1, 2], [2]),
      balanced([0, 1, 2, 3], [1, 3]),
      balanced([0, 2, 3], [0, 3], { ...tinySettings, tower: [] }),
    ];
    await sameLosses(tinyDataset({ tasks: 4 }), specs);
    const embedded = withEmbeddings(tinyDataset({ tasks: 4 }), [
      { column: 'user', dim: 5, rows: 64, used: 40 },
    ]);
    await sameLosses(embedded, specs.slice(0, 2));
  },
);

test(
  'a training worker loads the native kernels in its own thread and matches wasm',
  { skip },
  async () => {
    const ds = tinyDataset();
    const pool = new Piscina({
      filename: trainWorkerFile,
      workerData: { trainer: resolveTrainer('wasm').name },
      maxThreads: 1,
    });
    after(() => pool.destroy());
    const reply = (await pool.run({ dataset: ds, specs: [run([0, 2])] })) as TrainReply;
    assert.ok(reply.ok, JSON.stringify(reply));
    const chosen = useKernels(kernelChoice()).build.name; // native-kernels unless TASKGROUP_KERNELS=wasm
    assert.equal(reply.results[0].backend, chosen);
    useKernels('wasm');
    const [here] = await trainRuns(ds, [run([0, 2])]);
    useKernels(kernelChoice());
    assert.ok(reply.results[0].losses.every((loss, p) => Object.is(loss, here.losses[p])));
  },
);

test(
  'a native call outside the kernel memory throws instead of touching other memory',
  { skip },
  () => {
    const arena = openNativeKernels();
    const C = arena.alloc(16);
    const end = arena.f32(C, 16).buffer.byteLength;
    assert.throws(
      () => arena.k.mm(C, 4, 1, C, 4, end - 32, 4, 4, 4, 4, 0),
      /kernel mm: an argument lies outside the kernel memory/,
    );
    assert.throws(() => arena.k.adam(C, C, C, C, end, 0.1, 0.9, 0.999, 1, 1e-7), RangeError);
    assert.throws(() => arena.k.bias_act(-64, 4, C, 1, 4, 1), TypeError);
    const idx = arena.alloc(1);
    arena.i32(idx, 1)[0] = end; // a row far past the end
    assert.throws(() => arena.k.gather_rows(C, 4, C, 4, idx, 1, 4), /gather_rows/);
    assert.throws(
      () => arena.k.adam_rows(C, C, C, C, idx, 1, 4, 0.1, 0.9, 0.999, 1, 1e-7),
      /adam_rows/,
    );
    arena.i32(idx, 1)[0] = 2; // a slot past the rows of the gradient
    assert.throws(() => arena.k.scatter_rows(C, C, 4, idx, 1, 2, 4), /scatter_rows/);
    assert.throws(() => arena.k.mixture_bwd(C, 1, C, 1, C, 1, C, C, C, 1, 1, 65, 1), /64 experts/);
  },
);

test(
  'growing the native memory keeps its contents and detaches old views, as wasm does',
  { skip },
  () => {
    const arena = openNativeKernels();
    const first = arena.allocFrom(Float32Array.of(1, 2, 3));
    const view = arena.f32(first, 3);
    const size = view.buffer.byteLength;
    arena.alloc(size); // more than is left
    assert.equal(view.length, 0, 'the old view is detached');
    assert.ok(arena.f32(first, 3).buffer.byteLength > size);
    assert.deepEqual([...arena.f32(first, 3)], [1, 2, 3]);
  },
);

test('TASKGROUP_KERNELS=wasm makes auto train on the WebAssembly build, in the worker too; an unknown value is refused naming it', async () => {
  const before = process.env[KERNELS_ENV];
  process.env[KERNELS_ENV] = 'wasm';
  const trainer = resolveTrainer('auto').name;
  if (before === undefined) delete process.env[KERNELS_ENV];
  else process.env[KERNELS_ENV] = before;
  assert.equal(trainer, 'wasm-kernels');
  const pool = new Piscina({ filename: trainWorkerFile, workerData: { trainer }, maxThreads: 1 });
  after(() => pool.destroy());
  const reply = (await pool.run({ dataset: tinyDataset(), specs: [run([1])] })) as TrainReply;
  assert.ok(reply.ok, JSON.stringify(reply));
  assert.equal(reply.results[0].backend, 'wasm-kernels');
  assert.throws(
    () => kernelChoice('fast'),
    (err: unknown) =>
      err instanceof UsageError &&
      err.exitCode === 2 &&
      /^TASKGROUP_KERNELS must be one of auto, native, wasm \(got "fast"\)$/.test(err.message),
  );
});

test(
  'TASKGROUP_KERNELS=native without the native build is a usage error saying why',
  { skip: native.available ? 'the native kernels are built here' : false },
  () => {
    assert.throws(() => openKernels('native'), {
      message: /^TASKGROUP_KERNELS=native: the native kernels are /,
    });
  },
);
