/**
 * bench:kernels — GFLOP/s of the training kernels' matrix product (kernels.c `mm`) on every
 * shape of the reference model's training step (DESIGN.md §4, batch 1024), one core.
 *
 *   npm run bench:kernels [-- --json] [--rounds N] [--against OTHER.wasm]
 *
 * For whoever changes kernels.c: the products are 84-86% of a training step, so this figure
 * moves bench:train almost one for one, in seconds rather than a minute. Each round times every
 * shape once; each shape's median over the rounds is printed (the machine is shared, single
 * timings drift).
 * --against times another build in the same rounds, interleaved, and prints the ratio: how a
 * change to kernels.c is judged.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { json: { type: 'boolean' }, rounds: { type: 'string' }, against: { type: 'string' } },
});
const rounds = Number(args.rounds ?? 25);
const COMMITTED = new URL('../src/proxy/kernels/kernels.wasm', import.meta.url);

/** [what, M, K, N, A read transposed]: C (M×N) = A (M×K) · B (K×N). */
const SHAPES: [string, number, number, number, boolean][] = [
  ['forward, bottom layer 1', 1024, 64, 128, false],
  ['forward, bottom layer 2', 1024, 128, 64, false],
  ['forward, towers of 1 task', 1024, 64, 32, false],
  ['forward, towers of 4 tasks', 1024, 64, 128, false],
  ['weight gradient, layer 1 (Aᵀ)', 64, 1024, 128, true],
  ['weight gradient, layer 2 (Aᵀ)', 128, 1024, 64, true],
  ['weight gradient, 1 tower (Aᵀ)', 64, 1024, 32, true],
  ['input gradient, layer 2', 1024, 64, 128, false],
  ['input gradient, 1 tower', 1024, 32, 64, false],
];

type Shape = (typeof SHAPES)[number];
interface Mm { mm(...args: number[]): void }

/** One build's products over every shape, each in its own memory, on fixed pseudo-random data. */
function productsOf(file: URL | string): (() => void)[] {
  const memory = new WebAssembly.Memory({ initial: 16 });
  const k = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } })
    .exports as unknown as Mm;
  const size = 1024 * 128;
  const A = 1 << 20;
  const B = A + 4 * size;
  const C = B + 4 * size;
  memory.grow(Math.ceil((C + 4 * size) / 65536));
  const values = new Float32Array(memory.buffer, A, 3 * size);
  values.forEach((_, i) => { values[i] = ((i * 7919) % 1000) / 1000 - 0.5; });
  const product = ([, M, K, N, transposed]: Shape) => () =>
    (transposed ? k.mm(A, 1, M, B, N, C, N, M, K, N, 0) : k.mm(A, K, 1, B, N, C, N, M, K, N, 0));
  const runs = SHAPES.map(product);
  runs.forEach((run) => { for (let i = 0; i < 20; i++) run(); }); // let V8 tier the module up
  return runs;
}

const builds = [productsOf(COMMITTED), ...(args.against ? [productsOf(args.against)] : [])];
const REPS = 20;
const times = builds.map(() => SHAPES.map(() => [] as number[]));
for (let round = 0; round < rounds; round++) {
  builds.forEach((runs, b) => runs.forEach((run, s) => {
    const t0 = performance.now();
    for (let i = 0; i < REPS; i++) run();
    times[b][s].push((performance.now() - t0) / REPS);
  }));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const flop = ([, M, K, N]: Shape) => 2 * M * K * N;
const gflops = (flops: number, ms: number) => Math.round(flops / ms / 1e5) / 10;
const rows = SHAPES.map((shape, s) => ({
  shape: shape[0], M: shape[1], K: shape[2], N: shape[3],
  gflops: gflops(flop(shape), median(times[0][s])),
  ...(builds.length > 1 ? { against: gflops(flop(shape), median(times[1][s])) } : {}),
}));
const allFlops = SHAPES.reduce((sum, shape) => sum + flop(shape), 0);
const overall = times.map((build) => gflops(allFlops, build.reduce((sum, t) => sum + median(t), 0)));

if (args.json) {
  for (const row of rows) process.stdout.write(JSON.stringify(row) + '\n');
  process.stdout.write(JSON.stringify({ shape: 'all', gflops: overall[0], against: overall[1] }) + '\n');
} else {
  const width = Math.max(...rows.map((r) => r.shape.length));
  const other = (value?: number, mine?: number) =>
    (value === undefined || mine === undefined ? '' : `   against ${value.toFixed(1).padStart(5)} (kernels.wasm ${(mine / value).toFixed(2)}×)`);
  process.stdout.write(`kernels.c mm, one core, GFLOP/s, median of ${rounds} rounds\n`);
  for (const r of rows) {
    process.stdout.write(`${r.shape.padEnd(width)}  ${`${r.M}×${r.K}×${r.N}`.padStart(13)}  ` +
      `${r.gflops.toFixed(1).padStart(5)}${other(r.against, r.gflops)}\n`);
  }
  process.stdout.write(`${'all shapes'.padEnd(width)}  ${''.padStart(13)}  ${overall[0].toFixed(1).padStart(5)}` +
    `${other(overall[1], overall[0])}\n`);
}
