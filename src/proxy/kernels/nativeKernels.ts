import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../../errors.js';
import { packageFile } from '../../packageFiles.js';
import { KernelArena, PAGE, type KernelExports, type KernelMemory } from './kernelArena.js';
import { kernelSourceHash } from './native/sourceHash.mjs';

/** Built at install time by native/build.mjs (node-gyp), when a C compiler is there. */
const KERNELS_DIR = packageFile('src/proxy/kernels/');
const ADDON = new URL('native/build/Release/taskgroup_kernels.node', KERNELS_DIR);
const LANES: Record<string, number> = { avx512: 16, avx2: 8, sse2: 4 };

interface NativeInstance extends KernelExports {
  grow(bytes: number): ArrayBuffer;
}

interface NativeAddon {
  /** The builds this processor runs, widest first. */
  isas: string[];
  /** kernelSourceHash of the sources it was built from. */
  source: string;
  open(isa: string): NativeInstance;
}

export type NativeStatus =
  { available: true; isas: string[] } | { available: false; reason: string };

let loaded: { addon: NativeAddon } | { reason: string } | undefined;

/** The addon, once per thread, if it is built, loads, and was built from the sources beside it. */
function loadAddon(): { addon: NativeAddon } | { reason: string } {
  if (loaded) return loaded;
  if (!existsSync(ADDON)) {
    loaded = { reason: 'not built (npm run build:native builds them)' };
    return loaded;
  }
  try {
    const addon = createRequire(import.meta.url)(fileURLToPath(ADDON)) as NativeAddon;
    const fresh = addon.source === kernelSourceHash(KERNELS_DIR);
    loaded = fresh
      ? { addon }
      : { reason: 'built from another kernels.c (npm run build:native rebuilds them)' };
  } catch (err) {
    loaded = { reason: `not loadable: ${(err as Error).message.split('\n')[0]}` };
  }
  return loaded;
}

/** Whether the native kernels can run in this process, and if not, why. */
export function nativeKernelsStatus(): NativeStatus {
  const result = loadAddon();
  return 'addon' in result
    ? { available: true, isas: result.addon.isas }
    : { available: false, reason: result.reason };
}

/** A new instance of the native kernels: the widest build this processor runs, or `isa`. */
export function openNativeKernels(isa?: string): KernelArena {
  const result = loadAddon();
  if (!('addon' in result))
    throw new InternalError(`the native kernels are ${result.reason}`, 'E_BACKEND');
  const chosen = isa ?? result.addon.isas[0];
  const instance = result.addon.open(chosen);
  // Offset 0 stays unused: the kernels read it as "no matrix", as on wasm.
  return new KernelArena(instance, new NativeMemory(instance, 16 * PAGE), 64, {
    name: 'native-kernels',
    isa: chosen,
    lanes: LANES[chosen],
  });
}

/** The largest memory the addon takes: its offsets are int32. */
const MAX_BYTES = 2 ** 31 - PAGE;

/**
 * The addon's memory seen as a WebAssembly.Memory. It at least doubles when it grows, so that
 * filling it copies each byte a bounded number of times (the pages it does not use yet cost
 * no physical memory: see grow in native/addon.c).
 */
class NativeMemory implements KernelMemory {
  buffer: ArrayBuffer;
  private readonly instance: NativeInstance;

  constructor(instance: NativeInstance, bytes: number) {
    this.instance = instance;
    this.buffer = instance.grow(bytes);
  }

  grow(pages: number): void {
    const needed = this.buffer.byteLength + pages * PAGE;
    if (needed > MAX_BYTES) {
      throw new InternalError(
        `the native kernels' memory cannot exceed 2 GiB (${needed} bytes asked)`,
        'E_BACKEND',
      );
    }
    this.buffer = this.instance.grow(
      Math.min(MAX_BYTES, Math.max(needed, 2 * this.buffer.byteLength)),
    );
  }
}
