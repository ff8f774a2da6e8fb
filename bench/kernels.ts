/**
 * bench:kernels — GFLOP/s of the training kernels' matrix product (kernels.c `mm`) on every
 * shape of the reference model's training step (docs/proxy-training.md, batch 1024), one core, for each
 * build of kernels.c: the committed kernels.wasm and every native build this processor runs.
 *
 *   npm run bench:kernels [-- --json] [--rounds N] [--against OTHER.wasm]
 *
 * For whoever changes kernels.c: the products are 84-86% of a training step, so this figure
 * moves bench:train almost one for one, in seconds rather than a minute. Each round times every
 * shape of every build once, interleaved; each figure is the median over the rounds, timed in
 * process CPU time (other processes on a shared machine do not count; single timings drift).
 * Also printed: the cost of one kernel call, and each build's share of the core's peak
 * (measured by corePeak.c: the clock, and unfused multiply-add at each vector width).
 * --against times another wasm build in the same rounds and prints the ratio: how a change to
 * kernels.c is judged.
 * --smoke: one round of few calls and one run of the core's yardstick.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { KernelArena } from '../src/proxy/kernels/kernelArena.js';
import { nativeKernelsStatus, openNativeKernels } from '../src/proxy/kernels/nativeKernels.js';
import { openWasmKernels } from '../src/proxy/kernels/wasmKernels.js';
import { measureCorePeak } from './corePeak.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';

const flags = benchFlags('kernels', {
  json: { type: 'boolean' },
  rounds: { type: 'string' },
  against: { type: 'string' },
});
const args = flags.values;
/** Calls timed: per shape and round, per median of one call's cost (9 of them), core peak runs. */
const calls = flags.smoke
  ? { rounds: 1, reps: 2, callReps: 1000, callMedians: 3, peakRuns: 1 }
  : { rounds: 25, reps: 20, callReps: 100_000, callMedians: 9, peakRuns: 5 };
const rounds = flags.int('rounds') ?? calls.rounds;
if (args.against !== undefined && !existsSync(args.against))
  flags.fail(`--against ${args.against}: no such file (a kernels .wasm build to compare with)`);

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

interface Build {
  name: string;
  lanes: number;
  runs: (() => void)[];
  call: () => void;
}

/** One build's products over every shape, in its own memory, on fixed pseudo-random data. */
function build(name: string, arena: KernelArena): Build {
  const { k } = arena;
  const size = 1024 * 128;
  const [A, B, C] = [arena.alloc(size), arena.alloc(size), arena.alloc(size)];
  for (const ptr of [A, B])
    arena.f32(ptr, size).forEach((_, i, v) => {
      v[i] = ((i * 7919) % 1000) / 1000 - 0.5;
    });
  const product =
    ([, M, K, N, transposed]: Shape) =>
    () =>
      transposed ? k.mm(A, 1, M, B, N, C, N, M, K, N, 0) : k.mm(A, K, 1, B, N, C, N, M, K, N, 0);
  const runs = SHAPES.map(product);
  runs.forEach((run) => {
    for (let i = 0; i < 20; i++) run();
  }); // let V8 tier the module up
  return {
    name,
    lanes: arena.build.lanes,
    runs,
    call: () => k.mm(A, 1, 1, B, 1, C, 1, 1, 1, 1, 0),
  };
}

const native = nativeKernelsStatus();
const builds = [
  build('kernels.wasm', openWasmKernels()),
  ...(args.against ? [build(basename(args.against), openWasmKernels(args.against))] : []),
  ...(native.available
    ? native.isas.map((isa) => build(`native ${isa}`, openNativeKernels(isa)))
    : []),
];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU milliseconds per call of `work`, over `reps` calls. */
const timed = (work: () => void, reps: number) => {
  const t0 = cpuMs();
  for (let i = 0; i < reps; i++) work();
  return (cpuMs() - t0) / reps;
};
const REPS = calls.reps;
const times = builds.map(() => SHAPES.map(() => [] as number[]));
for (let round = 0; round < rounds; round++) {
  builds.forEach((b, bi) => b.runs.forEach((run, s) => times[bi][s].push(timed(run, REPS))));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const flop = ([, M, K, N]: Shape) => 2 * M * K * N;
const gflops = (flops: number, ms: number) => Math.round(flops / ms / 1e5) / 10;
const allFlops = SHAPES.reduce((sum, shape) => sum + flop(shape), 0);
const results = builds.map((b, bi) => ({
  build: b.name,
  lanes: b.lanes,
  shapes: SHAPES.map((shape, s) => gflops(flop(shape), median(times[bi][s]))),
  all: gflops(
    allFlops,
    times[bi].reduce((sum, t) => sum + median(t), 0),
  ),
  callUs:
    Math.round(
      median(Array.from({ length: calls.callMedians }, () => timed(b.call, calls.callReps))) * 1e5,
    ) / 100,
}));
const core = measureCorePeak(calls.peakRuns);
const share = (value: number) =>
  'peak' in core ? Math.round((value / core.peak) * 100) : undefined;

if (args.json) {
  SHAPES.forEach(([shape, M, K, N], s) =>
    process.stdout.write(
      JSON.stringify({
        shape,
        M,
        K,
        N,
        gflops: Object.fromEntries(results.map((r) => [r.build, r.shapes[s]])),
      }) + '\n',
    ),
  );
  for (const r of results) {
    process.stdout.write(
      JSON.stringify({
        build: r.build,
        lanes: r.lanes,
        gflops: r.all,
        shareOfCorePeak: share(r.all),
        callUs: r.callUs,
      }) + '\n',
    );
  }
  process.stdout.write(JSON.stringify({ core }) + '\n');
} else {
  printTable();
}

function printTable(): void {
  const width = Math.max(...SHAPES.map((s) => s[0].length), 'share of the core peak'.length);
  const cols = results.map((r) => Math.max(r.build.length, 6));
  const line = (label: string, size: string, cells: string[]) =>
    process.stdout.write(
      `${label.padEnd(width)}  ${size.padStart(11)}  ${cells.map((c, i) => c.padStart(cols[i])).join('  ')}\n`,
    );
  if (flags.smoke) process.stdout.write(`${SMOKE_NOTE}\n`);
  process.stdout.write(
    `kernels.c mm, one core, GFLOP/s, median of ${rounds} rounds (process CPU time)\n`,
  );
  line(
    '',
    '',
    results.map((r) => r.build),
  );
  SHAPES.forEach(([what, M, K, N], s) =>
    line(
      what,
      `${M}×${K}×${N}`,
      results.map((r) => r.shapes[s].toFixed(1)),
    ),
  );
  line(
    'all shapes',
    '',
    results.map((r) => r.all.toFixed(1)),
  );
  line(
    'share of the core peak',
    '',
    results.map((r) => (share(r.all) === undefined ? '' : `${share(r.all)}%`)),
  );
  line(
    'one call (µs)',
    '',
    results.map((r) => r.callUs.toFixed(2)),
  );
  if (args.against) {
    process.stdout.write(
      `kernels.wasm against ${results[1].build}: ${(results[0].all / results[1].all).toFixed(2)}×\n`,
    );
  }
  if (!native.available)
    process.stdout.write(`(no native rows: the native kernels are ${native.reason})\n`);
  if ('missing' in core) {
    process.stdout.write(`(${core.missing})\n`);
    return;
  }
  const perWidth = Object.entries(core.lanes)
    .map(([lanes, g]) => `${lanes} lanes ${g.toFixed(0)}`)
    .join(', ');
  process.stdout.write(
    `core peak ${core.peak.toFixed(0)} GFLOP/s = ${core.widest} lanes × 2 fused multiply-adds ` +
      `× 2 flop × ${core.ghz.toFixed(2)} GHz (clock measured); unfused multiply+add measured: ${perWidth} GFLOP/s\n`,
  );
}
