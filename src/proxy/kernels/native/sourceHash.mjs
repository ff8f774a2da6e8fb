// The hash of the kernel source that decides every number the kernels compute (kernels.c and
// kernelVectors.h). binding.gyp compiles it into the native build, and the loader compares it
// with the files beside it: a native build of an older source is not used (kernelModule.ts).
// Run as a script, it prints the hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const KERNEL_SOURCES = ['kernels.c', 'kernelVectors.h'];

/** sha256 (hex, first 32 digits) of the kernel sources in `dir`, prefixed 'k' (a C identifier). */
export function kernelSourceHash(dir) {
  const hash = createHash('sha256');
  for (const file of KERNEL_SOURCES) hash.update(readFileSync(new URL(file, dir)));
  return `k${hash.digest('hex').slice(0, 32)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(kernelSourceHash(new URL('../', import.meta.url)));
}
