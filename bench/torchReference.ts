import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One line of ../shared/bench/torch_reference.py. */
export interface TorchMeasure {
  impl: string;
  tasks: number;
  batch: number;
  samplesPerSec: number;
  cpuSamplesPerSec: number;
  gflops: number;
}

/** Debian's python3-torch lives with the system python; OpenBLAS pthread build, one thread. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const torchEnv = {
  ...process.env,
  LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/openblas-pthread',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
};

export function torchAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { env: torchEnv, stdio: 'ignore' });
    return true;
  } catch {
    return false; // no python3 or no torch: the bench prints its own rows only
  }
}

/** Runs the reference script for the given task counts; one result per count. */
export function runTorch(script: string, tasks: number[], seconds: number): TorchMeasure[] {
  const out = execFileSync(
    PYTHON,
    [
      script,
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
