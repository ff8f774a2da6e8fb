import { UsageError } from '../../errors.js';
import { nativeKernelsTrainer } from './nativeKernels.js';
import { tfjsCpuTrainer } from './tfjsCpu.js';
import { tfjsNodeTrainer } from './tfjsNode.js';
import { tfjsWasmTrainer } from './tfjsWasm.js';
import type { ProxyTrainer } from './types.js';
import { wasmKernelsTrainer } from './wasmKernels.js';

export { KERNELS_IDENTITY } from './kernelTrainers.js';
export type { Availability, ProxyTrainer } from './types.js';

/**
 * Every trainer, fastest first: the order `auto` tries them in. The kernels lead (measured by
 * bench:train: native 2-3× PyTorch, WebAssembly 0.6-0.9×, plain tfjs on wasm 0.05×), and the
 * WebAssembly build runs everywhere, so `auto` means the kernels; tfjs-node (not installable on
 * the machines this was measured on) and the plain tfjs trainers run when asked for by name.
 */
export const TRAINERS: readonly ProxyTrainer[] = Object.freeze([
  nativeKernelsTrainer, wasmKernelsTrainer, tfjsNodeTrainer, tfjsWasmTrainer, tfjsCpuTrainer,
]);

/**
 * What `--backend` accepts: its historical names, each the trainers it stands for (the first
 * available one trains), then every trainer by its own name. `wasm` named the kernels' backend
 * before they had a native build; it still means the kernels, the native build when it runs.
 */
const CHOICES: Readonly<Record<string, readonly ProxyTrainer[]>> = Object.freeze({
  auto: TRAINERS,
  node: [tfjsNodeTrainer],
  wasm: [nativeKernelsTrainer, wasmKernelsTrainer],
  cpu: [tfjsCpuTrainer],
  ...Object.fromEntries(TRAINERS.map((trainer) => [trainer.name, [trainer]])),
});

/** The names `--backend` accepts, historical ones first. */
export const backendNames: readonly string[] = Object.freeze(Object.keys(CHOICES));

/** The names a bad `--backend` is told of (the contract's); trainers' own names are in the help. */
export const mainBackendNames: readonly string[] = Object.freeze(['auto', 'node', 'wasm', 'cpu']);

export type BackendName = string;

/** The trainer called `name` (a worker is told the name its pool resolved). */
export function trainerNamed(name: string): ProxyTrainer {
  const trainer = TRAINERS.find((t) => t.name === name);
  if (!trainer) throw new UsageError(`no trainer is called "${name}" (${TRAINERS.map((t) => t.name).join(', ')})`, 'E_BACKEND');
  return trainer;
}

/**
 * The trainer `--backend choice` stands for here: its first available trainer, among those of
 * `identity` when given (a resumed search keeps the numbers it started with). A UsageError
 * naming --backend when none can run, saying why.
 */
export function resolveTrainer(choice: BackendName, identity?: string): ProxyTrainer {
  const candidates = CHOICES[choice];
  if (!candidates) throw new UsageError(`--backend must be one of ${mainBackendNames.join(', ')} (got "${choice}")`, 'E_BACKEND');
  const same = identity === undefined ? candidates : candidates.filter((t) => t.identity === identity);
  if (same.length === 0) {
    const fit = TRAINERS.filter((t) => t.identity === identity).map((t) => t.name);
    throw new UsageError(`--backend ${choice} computes other numbers than the search's runs (${identity}); ` +
      (fit.length > 0 ? `use --backend ${fit.join(' or ')}` : 'no trainer of this taskgroup computes them'), 'E_BACKEND');
  }
  const reasons: string[] = [];
  for (const trainer of same) {
    const availability = trainer.available();
    if (availability.ok) return trainer;
    reasons.push(availability.reason);
  }
  const hint = choice === 'auto' ? '' : ' (use --backend auto or wasm)';
  throw new UsageError(`--backend ${choice}: ${reasons.join('; ')}${hint}`, 'E_BACKEND');
}
