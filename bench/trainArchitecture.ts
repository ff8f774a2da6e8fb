/**
 * bench:train --architecture mmoe: MMoE proxy-training throughput on our kernels, beside a PyTorch
 * MMoE of the same sizes (bench/pytorch_mmoe.py, with --torch): the reference model's sizes
 * (D=64, experts of 128-64, towers 32-1, Adam, BCE, batch 1024), 4 experts, 4 and 12 tasks, one
 * network in this thread on each build of the kernels. Ratios compare wall time and, apart,
 * process CPU time (steadier on a busy machine), all measured in one invocation. --smoke: 2
 * tasks on a few batches.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EncodedDataset } from '../src/data/types.js';
import { MMOE } from '../src/proxy/architectures/index.js';
import { useKernels } from '../src/proxy/kernels/kernelModule.js';
import { nativeKernelsStatus } from '../src/proxy/kernels/nativeKernels.js';
import { trainRuns } from '../src/proxy/trainRuns.js';
import type { RunSpec } from '../src/proxy/types.js';
import { referenceDataset } from './referenceData.js';
import { SMOKE_NOTE } from './flags.js';
import { PYTHON, torchEnv, torchMissing } from './torchReference.js';
import { referenceSettings, type Kernels } from './trainMeasures.js';

const MMOE_SCRIPT = fileURLToPath(new URL('./pytorch_mmoe.py', import.meta.url));
const TASKS = [4, 12];

interface Row {
  impl: string;
  tasks: number;
  experts: number;
  samplesPerSec: number;
  cpuSamplesPerSec: number;
  vsTorch?: number;
  vsTorchCpu?: number;
}

/** Runs the MMoE rows and prints them (a table, or one JSON line each with --json). */
export async function benchArchitecture(o: {
  architecture: string;
  values: { torch?: boolean; json?: boolean };
  smoke: boolean;
  seconds: number;
  fail: (message: string) => never;
}): Promise<void> {
  if (o.architecture !== 'mmoe')
    o.fail(`--architecture must be shared-bottom or mmoe (got "${o.architecture}")`);
  const experts = MMOE.expertsDefault;
  const tasks = o.smoke ? [2] : TASKS;
  const noTorch = o.values.torch ? torchMissing() : 'pass --torch';
  if (o.values.torch && noTorch)
    process.stderr.write(`bench:train: no PyTorch reference: ${noTorch}\n`);
  // The script's first configuration runs slow (warm-up): measure one more and drop it.
  const torch = noTorch === false ? runTorchMmoe([2, ...tasks], experts, o.seconds).slice(1) : [];
  const rows: Row[] = [...torch];
  const trainRows = o.smoke ? 2048 : 32768;
  const data = referenceDataset({ trainRows, valRows: 1024, dim: 64, tasks: 12 });
  const builds: Kernels[] = nativeKernelsStatus().available ? ['native', 'wasm'] : ['wasm'];
  for (const count of tasks) {
    const reference = torch.find((t) => t.tasks === count);
    for (const kernels of builds) {
      const m = await measureMmoe(data, count, experts, o.seconds, kernels);
      rows.push({
        ...m,
        vsTorch: ratio(m.samplesPerSec, reference?.samplesPerSec),
        vsTorchCpu: ratio(m.cpuSamplesPerSec, reference?.cpuSamplesPerSec),
      });
    }
  }
  if (o.values.json) rows.forEach((row) => process.stdout.write(JSON.stringify(row) + '\n'));
  else printRows(rows, noTorch === false, o.smoke);
}

const ratio = (a: number, b?: number) => (b ? Math.round((a / b) * 100) / 100 : undefined);

/** The PyTorch MMoE for the given task counts; one row per count. */
function runTorchMmoe(tasks: number[], experts: number, seconds: number): Row[] {
  const args = [
    '--tasks',
    tasks.join(','),
    '--experts',
    String(experts),
    '--seconds',
    String(seconds),
  ];
  const out = execFileSync(PYTHON, [MMOE_SCRIPT, ...args], { env: torchEnv, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
}

/** One MMoE network on the kernels, in this thread, epochs scaled to last about `seconds`. */
async function measureMmoe(
  ds: EncodedDataset,
  tasks: number,
  experts: number,
  seconds: number,
  kernels: Kernels,
): Promise<Row> {
  useKernels(kernels);
  const spec = (key: string, epochs: number): RunSpec => ({
    key,
    tasks: Array.from({ length: tasks }, (_, t) => t),
    seed: 1,
    settings: referenceSettings(ds.trainRows, epochs),
    architecture: { name: 'mmoe', experts },
  });
  await trainRuns(ds, [spec('warm', 1)]);
  const probe = performance.now();
  await trainRuns(ds, [spec('probe', 1)]);
  const epochs = Math.max(1, Math.round(seconds / ((performance.now() - probe) / 1000)));
  const [wall0, cpu0] = [performance.now(), process.cpuUsage()];
  await trainRuns(ds, [spec('timed', epochs)]);
  const cpu = process.cpuUsage(cpu0);
  const samples = ds.trainRows * epochs;
  return {
    impl: `${kernels}-kernels-mmoe`,
    tasks,
    experts,
    samplesPerSec: Math.round(samples / ((performance.now() - wall0) / 1000)),
    cpuSamplesPerSec: Math.round(samples / ((cpu.user + cpu.system) / 1e6)),
  };
}

function printRows(rows: Row[], torch: boolean, smoke: boolean): void {
  const header = [
    'impl',
    'tasks',
    'experts',
    'samples/s',
    'vs torch',
    'cpu samples/s',
    'vs torch (cpu)',
  ];
  const times = (r?: number) => (r === undefined ? '' : `${r.toFixed(2)}×`);
  const lines = rows.map((r) => [
    r.impl,
    String(r.tasks),
    String(r.experts),
    r.samplesPerSec.toLocaleString('en-US'),
    times(r.vsTorch),
    r.cpuSamplesPerSec.toLocaleString('en-US'),
    times(r.vsTorchCpu),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  if (smoke) process.stdout.write(`${SMOKE_NOTE}\n`);
  process.stdout.write('MMoE: D=64, experts 128-64, towers 32-1, Adam, BCE, batch 1024\n');
  process.stdout.write(format(header) + '\n' + lines.map(format).join('\n') + '\n');
  if (!torch) process.stdout.write('(no PyTorch reference: pass --torch)\n');
}
