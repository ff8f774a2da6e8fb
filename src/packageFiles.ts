import { fileURLToPath } from 'node:url';

/**
 * Where the package's own files are at run time, the same whether this code runs from its
 * TypeScript sources (src/, through tsx: tests and benchmarks) or compiled (dist/src/: the
 * `taskgroup` command and the library). The files that are not code (package.json, db/, the
 * kernels' .wasm and C sources, the native build) stay where the sources keep them, so both find
 * them from the package's root; only the worker entries differ.
 */

/** True when this file runs compiled (dist/src/packageFiles.js), false from its source (.ts). */
export const compiled: boolean = import.meta.url.endsWith('.js');

/** The package's root folder (where package.json is), as a file URL ending in '/'. */
export const packageRoot: URL = new URL(compiled ? '../../' : '../', import.meta.url);

/** A file of the package by its path from the root, e.g. `db/` or `src/proxy/kernels/kernels.wasm`. */
export const packageFile = (path: string): URL => new URL(path, packageRoot);

/**
 * The entry of a worker thread, as a path: compiled JavaScript when this runs compiled, else the
 * plain-JavaScript shim that registers tsx in the new thread before loading the TypeScript
 * (workers/train.mjs explains why a thread needs it).
 */
export const workerEntry = (name: 'train' | 'solve'): string =>
  fileURLToPath(packageFile(compiled ? `dist/workers/${name}Worker.js` : `workers/${name}.mjs`));
