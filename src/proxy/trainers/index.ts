import { UsageError } from '../../errors.js';
import { capabilityRefusal, capableTrainers } from './capabilities.js';
import {
  backendChoices,
  mainBackendNames,
  trainerNames,
  type BackendName,
  type TrainerCapability,
} from './names.js';
import { nativeKernelsTrainer } from './nativeKernels.js';
import { tfjsCpuTrainer } from './tfjsCpu.js';
import { tfjsNodeTrainer } from './tfjsNode.js';
import { tfjsWasmTrainer } from './tfjsWasm.js';
import type { ProxyTrainer } from './types.js';
import { wasmKernelsTrainer } from './wasmKernels.js';

export {
  backendNames,
  KERNELS_IDENTITY,
  mainBackendNames,
  type BackendName,
  type TrainerCapability,
} from './names.js';
export type { Availability, ProxyTrainer } from './types.js';

/** Every trainer, in the order of trainerNames (fastest first: the order `auto` tries them in). */
export const TRAINERS: readonly ProxyTrainer[] = Object.freeze([
  nativeKernelsTrainer,
  wasmKernelsTrainer,
  tfjsNodeTrainer,
  tfjsWasmTrainer,
  tfjsCpuTrainer,
]);
if (TRAINERS.some((trainer, i) => trainer.name !== trainerNames[i]))
  throw new Error('trainers/names.ts lists other trainers than index.ts');

const byName = new Map(TRAINERS.map((trainer) => [trainer.name, trainer]));
const CHOICES: Readonly<Record<string, readonly ProxyTrainer[]>> = Object.fromEntries(
  Object.entries(backendChoices).map(([choice, names]) => [
    choice,
    names.map((name) => byName.get(name) as ProxyTrainer),
  ]),
);

/** The trainer called `name` (a worker is told the name its pool resolved). */
export function trainerNamed(name: string): ProxyTrainer {
  const trainer = TRAINERS.find((t) => t.name === name);
  if (!trainer)
    throw new UsageError(
      `no trainer is called "${name}" (${TRAINERS.map((t) => t.name).join(', ')})`,
      'E_BACKEND',
    );
  return trainer;
}

/**
 * The trainer `--backend choice` stands for here: its first available trainer that can do what
 * `needs` asks (a `--method tag` search needs the lookahead: `auto` then takes the kernels),
 * among those of `identity` when given (a resumed search keeps the numbers it started with). A
 * UsageError naming --backend when none can run, saying why.
 */
export function resolveTrainer(
  choice: string,
  identity?: string,
  needs: readonly TrainerCapability[] = [],
): ProxyTrainer {
  const candidates = CHOICES[choice];
  if (!candidates)
    throw new UsageError(
      `--backend must be one of ${mainBackendNames.join(', ')} (got "${choice}")`,
      'E_BACKEND',
    );
  const same =
    identity === undefined ? candidates : candidates.filter((t) => t.identity === identity);
  if (same.length === 0) {
    const fit = TRAINERS.filter((t) => t.identity === identity).map((t) => t.name);
    throw new UsageError(
      `--backend ${choice} computes other numbers than the search's runs (${identity}); ` +
        (fit.length > 0
          ? `use --backend ${fit.join(' or ')}`
          : 'no trainer of this taskgroup computes them'),
      'E_BACKEND',
    );
  }
  const capable = capableTrainers(choice, needs);
  const able = same.filter((trainer) => capable.includes(trainer.name));
  if (able.length === 0) {
    const why =
      capabilityRefusal(choice, needs) ??
      `no trainer of the search's numbers (${identity}) can train its runs`;
    throw new UsageError(`--backend ${choice}: ${why}`, 'E_BACKEND');
  }
  const reasons: string[] = [];
  for (const trainer of able) {
    const availability = trainer.available();
    if (availability.ok) return trainer;
    reasons.push(availability.reason);
  }
  const hint = choice === 'auto' ? '' : ' (use --backend auto or wasm)';
  throw new UsageError(`--backend ${choice}: ${reasons.join('; ')}${hint}`, 'E_BACKEND');
}
