/**
 * bench:train — proxy-training throughput on the reference model (docs/proxy-training.md), beside PyTorch.
 *
 *   npm run bench:train [-- --json] [--torch PATH/torch_reference.py] [--seconds N]
 *                       [--architecture mmoe] (MMoE rows instead: bench/trainArchitecture.ts)
 *
 * Rows, for each build of our kernels (native when built, then wasm): one network in this
 * thread; `-pool`: W = 1 and 2 piscina workers of the real training worker; and a search's
 * singles+pairs workload for 12 tasks trained together in one pass vs one network per call.
 * Also the naive tfjs `optimizer.minimize` loop.
 * With --torch, the PyTorch reference runs in the same invocation and each row shows its ratio
 * to it, wall time to wall time and process CPU time to CPU time (steadier on a busy machine).
 */
import { parseArgs } from 'node:util';
import { referenceDataset } from './referenceData.js';
import { initBackend } from '../src/proxy/backend.js';
import { nativeKernelsStatus } from '../src/proxy/kernels/nativeKernels.js';
import {
  measureKernels,
  measureNaive,
  measurePool,
  measureSearch,
  type Kernels,
  type Measure,
} from './trainMeasures.js';
import { runTorch, torchAvailable } from './torchReference.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean' },
    torch: { type: 'string' },
    seconds: { type: 'string' },
    architecture: { type: 'string' },
  },
});
const seconds = Number(args.seconds ?? 3);
if (args.architecture !== undefined && args.architecture !== 'shared-bottom') {
  const { benchArchitecture } = await import('./trainArchitecture.js');
  const [architecture, torch, json] = [args.architecture, Boolean(args.torch), Boolean(args.json)];
  await benchArchitecture({ architecture, torch, json, seconds });
  process.exit(0);
}
const TASKS = [4, 12];

await initBackend('wasm');
// The reference script's first configuration runs slow (warm-up): measure one and drop it.
const torch =
  args.torch && torchAvailable() ? runTorch(args.torch, [2, 1, 2, ...TASKS], seconds).slice(1) : [];
if (args.torch && torch.length === 0)
  process.stderr.write('bench:train: python3 cannot import torch; no reference\n');
const torchRate = (tasks: number) => torch.find((t) => t.tasks === tasks)?.samplesPerSec;
const torchCpuRate = (tasks: number) => torch.find((t) => t.tasks === tasks)?.cpuSamplesPerSec;

const data = referenceDataset({ trainRows: 32768, valRows: 1024, dim: 64, tasks: 12 });
const searchData = referenceDataset({
  trainRows: 8192,
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
    for (const workers of [1, 2])
      emit(await measurePool(data, tasks, workers, epochs, kernels), reference);
  }
  emit(await measureNaive(data, tasks, 6), reference);
}
for (const kernels of builds) {
  for (const together of [true, false]) {
    const m = await measureSearch(searchData, 12, together, kernels, seconds);
    emit(m, {
      wall: torchOneByOne(m.networks ?? 0, torchRate),
      cpu: torchOneByOne(m.networks ?? 0, torchCpuRate),
    });
  }
}

if (!args.json) printTable(rows);

/** PyTorch training the same singles and pairs one by one, as network-samples per second. */
function torchOneByOne(
  networks: number,
  rate: (tasks: number) => number | undefined,
): number | undefined {
  const one = rate(1);
  const two = rate(2);
  if (!one || !two) return undefined;
  const singles = 12;
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
  process.stdout.write(
    `reference model: D=64, bottom 128-64, towers 32-1, Adam, BCE, batch 1024\n`,
  );
  process.stdout.write(format(header) + '\n' + lines.map(format).join('\n') + '\n');
  if (torch.length === 0)
    process.stdout.write('(no PyTorch reference: pass --torch PATH/torch_reference.py)\n');
  if (!native.available)
    process.stdout.write(`(no native rows: the native kernels are ${native.reason})\n`);
}
