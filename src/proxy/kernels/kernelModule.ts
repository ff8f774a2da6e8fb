import { UsageError } from '../../errors.js';
import type { KernelArena } from './kernelArena.js';
import { nativeKernelsStatus, openNativeKernels } from './nativeKernels.js';
import { openWasmKernels } from './wasmKernels.js';

export type { KernelArena, KernelExports } from './kernelArena.js';

/**
 * Which build of kernels.c trains, decided here and nowhere else. Both builds give bitwise the
 * same numbers (tested), so runs from either share the cache;
 * a run's result names the build (`backend`: 'native-kernels' or 'wasm-kernels').
 *
 * - auto (default): the native build when it is built and loads, else WebAssembly;
 * - wasm: the WebAssembly module, the portable build;
 * - native: the native build, or an error saying why it cannot run.
 */
export const KERNEL_CHOICES = ['auto', 'native', 'wasm'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];
/** The environment variable that chooses, read once per thread. */
export const KERNELS_ENV = 'TASKGROUP_KERNELS';

let arena: KernelArena | undefined;

/** This thread's kernels and their memory, one instance reused by every run of the thread. */
export function kernelArena(): KernelArena {
  arena ??= openKernels(kernelChoice());
  return arena;
}

/**
 * Switches this thread to another build, or to an instance opened by openNativeKernels(isa) or
 * openWasmKernels(file): benchmarks and tests compare builds in one process.
 */
export function useKernels(kernels: KernelChoice | KernelArena): KernelArena {
  arena = typeof kernels === 'string' ? openKernels(kernels) : kernels;
  return arena;
}

/** The choice `value` (by default TASKGROUP_KERNELS) names; a UsageError naming it if invalid. */
export function kernelChoice(value = process.env[KERNELS_ENV]): KernelChoice {
  if (value === undefined || value === '') return 'auto';
  const choice = KERNEL_CHOICES.find((c) => c === value);
  if (!choice) {
    throw new UsageError(
      `${KERNELS_ENV} must be one of ${KERNEL_CHOICES.join(', ')} (got "${value}")`,
      'E_BACKEND',
    );
  }
  return choice;
}

/** What TASKGROUP_KERNELS says of one build: set aside (with why), demanded, or allowed. */
export type BuildWish = { ok: false; reason: string } | { ok: true; demanded: boolean };

/** Why each build is set aside when the variable names the other. */
const setAside: Readonly<Record<'native' | 'wasm', string>> = Object.freeze({
  native: 'sets the native kernels aside',
  wasm: 'asks for the native build',
});

/** Whether TASKGROUP_KERNELS lets `build` train (the trainers' availability: trainers/). */
export function buildWish(build: 'native' | 'wasm'): BuildWish {
  const choice = kernelChoice();
  if (choice === 'auto') return { ok: true, demanded: false };
  if (choice === build) return { ok: true, demanded: true };
  return { ok: false, reason: `${KERNELS_ENV}=${choice} ${setAside[build]}` };
}

/** A new instance of the build `choice` selects. */
export function openKernels(choice: KernelChoice): KernelArena {
  if (choice === 'wasm') return openWasmKernels();
  const native = nativeKernelsStatus();
  if (native.available) return openNativeKernels();
  if (choice === 'native') {
    throw new UsageError(
      `${KERNELS_ENV}=native: the native kernels are ${native.reason}`,
      'E_BACKEND',
    );
  }
  return openWasmKernels();
}
