import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The PyTorch references of the benchmarks, run in the same invocation as what they are compared
 * with: bench/pytorch_throughput.py (bench:train) and bench/pytorch_search.py (bench:search),
 * scripts of our own that do what a Python user would write by hand.
 */
export const THROUGHPUT_SCRIPT = fileURLToPath(new URL('./pytorch_throughput.py', import.meta.url));
export const SEARCH_SCRIPT = fileURLToPath(new URL('./pytorch_search.py', import.meta.url));

/** One line of bench/pytorch_throughput.py. */
export interface TorchMeasure {
  impl: string;
  tasks: number;
  batch: number;
  steps: number;
  samplesPerSec: number;
  cpuSamplesPerSec: number;
  gflops: number;
  lossFirst: number;
  lossLast: number;
}

/** Debian's python3-torch lives with the system python; OpenBLAS pthread build, one thread. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const torchEnv = {
  ...process.env,
  LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/openblas-pthread',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
};

/** Why no PyTorch reference can run here, or false when python3 imports torch. */
export function torchMissing(): string | false {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { env: torchEnv, encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  if (probe.status === 0) return false;
  const last = probe.stderr.trim().split('\n').pop() ?? '';
  return `${PYTHON} cannot import torch (${last}; Debian: apt-get install python3-torch libopenblas0-pthread)`;
}

/** Runs the throughput script for the given task counts; one result per count. */
export function runTorch(tasks: number[], seconds: number): TorchMeasure[] {
  const out = execFileSync(
    PYTHON,
    [
      THROUGHPUT_SCRIPT,
      '--tasks',
      tasks.join(','),
      '--batch',
      '1024',
      '--dim',
      '64',
      '--seconds',
      String(seconds),
    ],
    { env: torchEnv, encoding: 'utf8' },
  );
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TorchMeasure);
}
