/**
 * bench:train — proxy-training throughput on the reference model (docs/proxy-training.md), beside PyTorch.
 *
 *   npm run bench:train [-- --json] [--torch] [--seconds N] [--smoke]
 *                       [--architecture mmoe] (MMoE rows instead: bench/trainArchitecture.ts)
 *
 * Rows, for each build of our kernels (native when built, then wasm): one network in this
 * thread; `-pool`: W = 1 and 2 workers of the pool a search trains on (pipeline/pool.ts); and a
 * search's singles+pairs workload for 12 tasks trained together in one pass vs one network per
 * call. Also the naive tfjs `optimizer.minimize` loop.
 * With --torch, the PyTorch reference (bench/pytorch_throughput.py) runs in the same invocation
 * and each row shows its ratio to it, wall time to wall time and process CPU time to CPU time
 * (steadier on a busy machine).
 * --smoke: every row on a few batches (2 tasks, a 3-task search, one pool worker), in seconds.
 */
import { referenceDataset } from './referenceData.js';
import { nativeKernelsStatus } from '../src/proxy/kernels/nativeKernels.js';
import type { Kernels, Measure } from './trainMeasures.js';
import { runTorch, torchMissing } from './torchReference.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';

const flags = benchFlags('train', {
  json: { type: 'boolean' },
  torch: { type: 'boolean' },
  seconds: { type: 'string' },
  architecture: { type: 'string' },
});
const args = flags.values;
/** What each row trains: the benchmark's, or the smoke run's few batches. */
const workload = flags.smoke
  ? { seconds: 0.05, tasks: [2], trainRows: 2048, searchTasks: 3, searchRows: 1024, workers: [1] }
  : {
      seconds: 3,
      tasks: [4, 12],
      trainRows: 32768,
      searchTasks: 12,
      searchRows: 8192,
      workers: [1, 2],
    };
const seconds = flags.positive('seconds') ?? workload.seconds;
const TASKS = workload.tasks;
if (args.architecture !== undefined && args.architecture !== 'shared-bottom') {
  const { benchArchitecture } = await import('./trainArchitecture.js');
  await benchArchitecture({ ...flags, architecture: args.architecture, seconds });
  process.exit(0);
}

// Loaded once the flags are read: TensorFlow.js (the naive loop's row) takes a second to load.
const { initBackend } = await import('../src/proxy/backend.js');
const { measureKernels, measureNaive, measurePool, measureSearch } =
  await import('./trainMeasures.js');
await initBackend('wasm');
const noTorch = args.torch ? torchMissing() : 'pass --torch';
// The reference script's first configuration runs slow (warm-up): measure one and drop it.
const torch = noTorch === false ? runTorch([2, 1, 2, ...TASKS], seconds).slice(1) : [];
if (args.torch && noTorch) process.stderr.write(`bench:train: no PyTorch reference: ${noTorch}\n`);
const torchRate = (tasks: number) => torch.find((t) => t.tasks === tasks)?.samplesPerSec;
const torchCpuRate = (tasks: number) => torch.find((t) => t.tasks === tasks)?.cpuSamplesPerSec;

const data = referenceDataset({ trainRows: workload.trainRows, valRows: 1024, dim: 64, tasks: 12 });
const searchData = referenceDataset({
  trainRows: workload.searchRows,
  valRows: 1024,
  dim: 64,
  tasks: 12,
  seed: 2,
});
type Row = Measure & { vsTorch?: number; vsTorchCpu?: number };
const rows: Row[] = [];
const ratio = (a: number, b?: number) => (b ? Math.round((a / b) * 100) / 100 : undefined);
/** Emits a row with its ratios to PyTorch: wall time to wall time, CPU time to CPU time. */
const emit = (m: Measure, reference?: { wall?: number; cpu?: number }) => {
  const line: Row = {
    ...m,
    vsTorch: ratio(m.samplesPerSec, reference?.wall),
    vsTorchCpu: ratio(m.cpuSamplesPerSec, reference?.cpu),
  };
  rows.push(line);
  if (args.json) process.stdout.write(JSON.stringify(line) + '\n');
};

for (const t of torch) {
  emit({
    impl: t.impl,
    backend: 'cpu',
    tasks: t.tasks,
    batch: t.batch,
    workers: 1,
    samplesPerSec: t.samplesPerSec,
    cpuSamplesPerSec: t.cpuSamplesPerSec,
    seconds,
  });
}
const native = nativeKernelsStatus();
const builds: Kernels[] = native.available ? ['native', 'wasm'] : ['wasm'];
for (const tasks of TASKS) {
  const reference = { wall: torchRate(tasks), cpu: torchCpuRate(tasks) };
  for (const kernels of builds) {
    const single = await measureKernels(data, tasks, seconds, kernels);
    emit(single, reference);
    const epochs = Math.max(1, Math.round((seconds * single.samplesPerSec) / data.trainRows / 2));
    for (const workers of workload.workers)
      emit(await measurePool(data, tasks, workers, epochs, kernels), reference);
  }
  emit(await measureNaive(data, tasks, flags.smoke ? 2 : 6), reference);
}
for (const kernels of builds) {
  for (const together of [true, false]) {
    const m = await measureSearch(searchData, workload.searchTasks, together, kernels, seconds);
    emit(m, {
      wall: torchOneByOne(m.tasks, m.networks ?? 0, torchRate),
      cpu: torchOneByOne(m.tasks, m.networks ?? 0, torchCpuRate),
    });
  }
}

if (!args.json) printTable(rows);

/** PyTorch training the same singles and pairs one by one, as network-samples per second. */
function torchOneByOne(
  singles: number,
  networks: number,
  rate: (tasks: number) => number | undefined,
): number | undefined {
  const one = rate(1);
  const two = rate(2);
  if (!one || !two) return undefined;
  const pairs = networks - singles;
  return networks / (singles / one + pairs / two);
}

function printTable(measures: Row[]): void {
  const header = [
    'impl',
    'tasks',
    'workers',
    'samples/s',
    'vs torch',
    'cpu samples/s',
    'vs torch (cpu)',
    'seconds',
  ];
  const times = (r?: number) => (r === undefined ? '' : `${r.toFixed(2)}×`);
  const lines = measures.map((m) => [
    m.impl + (m.networks ? ` (${m.networks} nets)` : ''),
    String(m.tasks),
    String(m.workers),
    m.samplesPerSec.toLocaleString('en-US'),
    times(m.vsTorch),
    m.cpuSamplesPerSec.toLocaleString('en-US'),
    times(m.vsTorchCpu),
    String(m.seconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  if (flags.smoke) process.stdout.write(`${SMOKE_NOTE}\n`);
  process.stdout.write(
    `reference model: D=64, bottom 128-64, towers 32-1, Adam, BCE, batch 1024\n`,
  );
  process.stdout.write(format(header) + '\n' + lines.map(format).join('\n') + '\n');
  if (noTorch) process.stdout.write(`(no PyTorch reference: ${noTorch})\n`);
  if (!native.available)
    process.stdout.write(`(no native rows: the native kernels are ${native.reason})\n`);
}
