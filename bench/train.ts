/**
 * bench:train — proxy-training throughput on the reference model (DESIGN.md §4), beside PyTorch.
 *
 *   npm run bench:train [-- --json] [--torch PATH/torch_reference.py] [--seconds N]
 *
 * Rows: our wasm kernels (one network in this thread; W = 1 and 2 piscina workers of the real
 * training worker), the naive tfjs `optimizer.minimize` loop, and a search's singles+pairs
 * workload for 12 tasks trained together in one pass vs one network per call. With --torch,
 * the PyTorch reference runs in the same invocation and each row shows its ratio to it.
 */
import { parseArgs } from 'node:util';
import { referenceDataset } from './referenceData.js';
import { initBackend } from '../src/proxy/backend.js';
import { measureKernels, measureNaive, measurePool, measureSearch, type Measure } from './trainMeasures.js';
import { runTorch, torchAvailable, type TorchMeasure } from './torchReference.js';

const { values: args } = parseArgs({
  options: { json: { type: 'boolean' }, torch: { type: 'string' }, seconds: { type: 'string' } },
});
const seconds = Number(args.seconds ?? 3);
const TASKS = [4, 12];

await initBackend('wasm');
const torch = args.torch && torchAvailable() ? runTorch(args.torch, [1, 2, ...TASKS], seconds) : [];
if (args.torch && torch.length === 0) process.stderr.write('bench:train: python3 cannot import torch; no reference\n');
const torchRate = (tasks: number) => torch.find((t) => t.tasks === tasks)?.samplesPerSec;

const data = referenceDataset({ trainRows: 32768, valRows: 1024, dim: 64, tasks: 12 });
const searchData = referenceDataset({ trainRows: 4096, valRows: 1024, dim: 64, tasks: 12, seed: 2 });
const rows: (Measure & { vsTorch?: number })[] = [];
const emit = (m: Measure, reference?: number) => {
  const line = { ...m, ...(reference ? { vsTorch: Math.round((m.samplesPerSec / reference) * 100) / 100 } : {}) };
  rows.push(line);
  if (args.json) process.stdout.write(JSON.stringify(line) + '\n');
};

for (const t of torch) {
  emit({ impl: t.impl, backend: 'cpu', tasks: t.tasks, batch: t.batch, workers: 1,
    samplesPerSec: t.samplesPerSec, seconds });
}
for (const tasks of TASKS) {
  const single = await measureKernels(data, tasks, seconds);
  emit(single, torchRate(tasks));
  emit(measureNaive(data, tasks, 6), torchRate(tasks));
  const epochs = Math.max(1, Math.round((seconds * single.samplesPerSec) / data.trainRows / 2));
  for (const workers of [1, 2]) emit(await measurePool(data, tasks, workers, epochs), torchRate(tasks));
}
for (const together of [true, false]) {
  const m = await measureSearch(searchData, 12, together);
  emit(m, torchOneByOne(m.networks ?? 0));
}

if (!args.json) printTable(rows);

/** PyTorch training the same singles and pairs one by one, as network-samples per second. */
function torchOneByOne(networks: number): number | undefined {
  const one = torchRate(1);
  const two = torchRate(2);
  if (!one || !two) return undefined;
  const singles = 12;
  const pairs = networks - singles;
  return networks / (singles / one + pairs / two);
}

function printTable(measures: (Measure & { vsTorch?: number })[]): void {
  const header = ['impl', 'tasks', 'workers', 'samples/s', 'vs torch', 'seconds'];
  const lines = measures.map((m) => [
    m.impl + (m.networks ? ` (${m.networks} nets)` : ''), String(m.tasks), String(m.workers),
    m.samplesPerSec.toLocaleString('en-US'), m.vsTorch === undefined ? '' : `${m.vsTorch.toFixed(2)}×`,
    String(m.seconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`reference model: D=64, bottom 128-64, towers 32-1, Adam, BCE, batch 1024\n`);
  process.stdout.write(format(header) + '\n' + lines.map(format).join('\n') + '\n');
  if (torch.length === 0) process.stdout.write('(no PyTorch reference: pass --torch PATH/torch_reference.py)\n');
}
