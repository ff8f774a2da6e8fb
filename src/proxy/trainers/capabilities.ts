import { UsageError } from '../../errors.js';
import type { EncodedDataset } from '../../data/types.js';
import { architectureNeeds } from '../architectures/names.js';
import type { RunSpec } from '../types.js';
import {
  backendChoices,
  capabilitiesOf,
  kernelTrainerNames,
  mainBackendNames,
  trainerNames,
  type TrainerCapability,
} from './names.js';

/**
 * The one check of what a search asks of its trainer against what the trainer can do (names.ts
 * declares both). Light, like names.ts: the flags are checked with it before anything loads.
 * The config refuses a `--backend` none of whose trainers can (capabilityRefusal), the resolver
 * picks among those that can (capableTrainers, index.ts), and every trainer refuses a run that
 * asks for what it cannot do (checkCapable), so no path trains a run without what it needs.
 */

/** The capabilities of `needs` that `has` lacks: empty when it can do everything asked. */
export const lacking = (
  needs: readonly TrainerCapability[],
  has: readonly TrainerCapability[],
): TrainerCapability[] => needs.filter((capability) => !has.includes(capability));

/** The trainers `--backend choice` stands for that can do everything `needs` asks, in its order. */
export const capableTrainers = (choice: string, needs: readonly TrainerCapability[]): string[] =>
  (backendChoices[choice] ?? []).filter(
    (name) => lacking(needs, capabilitiesOf(name)).length === 0,
  );

/** The main `--backend` choices some of whose trainers can, the most specific first. */
const capableChoices = (needs: readonly TrainerCapability[]): string[] =>
  mainBackendNames
    .filter((choice) => capableTrainers(choice, needs).length > 0)
    .sort((a, b) => backendChoices[a].length - backendChoices[b].length);

/** The trainers that have `capability`, in words: taskgroup's kernels, or their names. */
function trainersWith(capability: TrainerCapability): string {
  const able = trainerNames.filter((name) => capabilitiesOf(name).includes(capability));
  if (able.length === 0) return 'no trainer of this taskgroup';
  const kernels =
    able.length === kernelTrainerNames.length && able.every((n) => kernelTrainerNames.includes(n));
  return kernels ? "taskgroup's kernels" : able.join(' or ');
}

/** What each capability lets a run train, in a refusal's words. */
const capabilityRuns: Readonly<Record<TrainerCapability, string>> = Object.freeze({
  lookahead: 'lookahead runs',
  embeddings: 'embedding layers',
  experts: 'expert networks',
  balance: 'balanced runs',
});

/**
 * Why `--backend choice` cannot train what `needs` asks, as the end of a one-line refusal
 * ("trains its lookahead runs on taskgroup's kernels; use --backend wasm or auto"), or
 * undefined when one of its trainers can.
 */
export function capabilityRefusal(
  choice: string,
  needs: readonly TrainerCapability[],
): string | undefined {
  if (capableTrainers(choice, needs).length > 0) return undefined;
  const unmet = needs.filter((c) => capableTrainers(choice, [c]).length === 0);
  const runs = (unmet.length > 0 ? unmet : needs)
    .map((c) => `its ${capabilityRuns[c]} on ${trainersWith(c)}`)
    .join(' and ');
  return `trains ${runs}${useInstead(capableChoices(needs))}`;
}

/** "; use --backend wasm or auto", or nothing when no choice can. */
const useInstead = (choices: string[], separator = '; '): string =>
  choices.length === 0 ? '' : `${separator}use --backend ${choices.join(' or ')}`;

/**
 * What a run asks of its trainer: a lookahead, balanced auxiliary gradients, its architecture's
 * needs (MMoE: experts), and embeddings when its data has embedded columns.
 */
export const specNeeds = (
  spec: RunSpec,
  dataset?: Pick<EncodedDataset, 'embed'>,
): TrainerCapability[] => [
  ...(spec.lookahead !== undefined ? (['lookahead'] as const) : []),
  ...(spec.auxBalance !== undefined ? (['balance'] as const) : []),
  ...architectureNeeds(spec.architecture),
  ...(dataset?.embed ? (['embeddings'] as const) : []),
];

/**
 * Refuses, before training any, runs that ask the trainer `name` for what it cannot do (on
 * `dataset`, whose embedded columns ask too): a UsageError (E_BACKEND) naming the first such
 * run, what it needs and the trainer.
 */
export function checkCapable(
  name: string,
  specs: readonly RunSpec[],
  dataset?: Pick<EncodedDataset, 'embed'>,
): void {
  const has = capabilitiesOf(name);
  for (const spec of specs) {
    const [capability] = lacking(specNeeds(spec, dataset), has);
    if (capability === undefined) continue;
    throw new UsageError(
      `run ${spec.key}: ${capabilityRuns[capability]} train on ${trainersWith(capability)} only` +
        `${useInstead(capableChoices([capability]).slice(0, 1), ': ')} (this trainer is ${name})`,
      'E_BACKEND',
    );
  }
}
