import type { EncodedDataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { architectureOf, checkArchitecture } from './architectures/index.js';
import { coversBalance, coversLookahead } from './architectures/names.js';
import type { KernelArena } from './kernels/kernelArena.js';
import { kernelArena } from './kernels/kernelModule.js';
import { trainTogether } from './kernels/kernelTrainer.js';
import { trainLookahead } from './lookahead.js';
import { passKey, type ProxySettings, type RunResult, type RunSpec } from './types.js';

/**
 * Trains the proxy runs `specs` on `dataset` with our kernels and returns their results in the
 * same order: on `arena`, by default this thread's build (kernels/kernelModule.ts: the native
 * build when it loads, else WebAssembly; the result's `backend` names which). Runs that share a
 * seed and settings are trained together in one pass over the data (they see the same rows in
 * the same order), each bitwise as if alone. Throws a UsageError for an invalid spec before
 * training, and an InterruptedError once `shouldStop` (read once per batch) says stop. The
 * trainers (trainers/) wrap this; the plain tfjs trainer is plainTrainer.ts. A spec with
 * `lookahead` is trained alone by trainLookahead (lookahead.ts).
 */
export async function trainRuns(
  dataset: EncodedDataset,
  specs: RunSpec[],
  arena: KernelArena = kernelArena(),
  shouldStop: () => boolean = () => false,
): Promise<RunResult[]> {
  specs.forEach((spec) => checkSpec(dataset, spec));
  const results = new Map<RunSpec, RunResult>();
  for (const spec of specs.filter((s) => s.lookahead))
    results.set(spec, trainLookahead(dataset, spec, { arena, shouldStop }));
  for (const group of groupBySeedAndSettings(specs.filter((s) => !s.lookahead))) {
    trainTogether(dataset, group, arena, shouldStop).forEach((result, i) =>
      results.set(group[i], result),
    );
  }
  return specs.map((spec) => results.get(spec) as RunResult);
}

function groupBySeedAndSettings(specs: RunSpec[]): RunSpec[][] {
  const groups = new Map<string, RunSpec[]>();
  for (const spec of specs) {
    const key = passKey(spec);
    groups.set(key, [...(groups.get(key) ?? []), spec]);
  }
  return [...groups.values()];
}

/** Rejects a spec this module cannot train, naming the field and the rule. */
export function checkSpec(dataset: EncodedDataset, spec: RunSpec): void {
  const where = `run ${spec.key}`;
  if (!Array.isArray(spec.tasks) || spec.tasks.length === 0) {
    throw new UsageError(`${where}: tasks must be a non-empty list of task indices`);
  }
  spec.tasks.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 0 || t >= dataset.tasks.length) {
      throw new UsageError(`${where}: task index ${t} is not in 0..${dataset.tasks.length - 1}`);
    }
    if (i > 0 && t <= spec.tasks[i - 1]) {
      throw new UsageError(`${where}: tasks must be sorted ascending without repeats`);
    }
  });
  if (!Number.isInteger(spec.seed)) throw new UsageError(`${where}: seed must be an integer`);
  checkSettings(spec.settings, where);
  if (spec.architecture !== undefined) checkArchitecture(spec.architecture, spec.settings, where);
  if (dataset.embed && spec.settings.bottom.length === 0) {
    throw new UsageError(
      `${where}: embedded columns feed the bottom's first layer, and settings.bottom is empty`,
    );
  }
  if (spec.lookahead !== undefined) checkLookahead(spec, where);
  if (spec.auxBalance !== undefined) checkBalance(spec, where);
}

/**
 * MetaBalance rescales each task's gradient of the shared bottom (kernels/metaBalance.ts): with
 * MMoE the shared parameters are the experts behind each task's gate,
 * whose per-task gradients it does not take, so such a run is refused. The auxiliary tasks must
 * be among the run's, beside at least one main task.
 */
function checkBalance(spec: RunSpec, where: string): void {
  const { ratio, aux } = spec.auxBalance!;
  if (!coversBalance(spec.architecture))
    throw new UsageError(
      `${where}: auxiliary balancing rescales a shared bottom's gradients (not ${architectureOf(spec).name}'s)`,
    );
  if (spec.settings.bottom.length === 0)
    throw new UsageError(
      `${where}: auxiliary balancing needs a shared bottom (settings.bottom is empty)`,
    );
  if (!(ratio > 0) || !Number.isFinite(ratio))
    throw new UsageError(`${where}: auxBalance.ratio must be a positive number`);
  if (
    aux.length === 0 ||
    !aux.every((t) => spec.tasks.includes(t)) ||
    aux.length >= spec.tasks.length
  )
    throw new UsageError(
      `${where}: auxBalance.aux must list some of the run's tasks, leaving at least one main task`,
    );
}

/**
 * A lookahead steps the parameters every task shares: the bottom, and the embedding rows the
 * batch touched (kernels/kernelLookahead.ts). With MMoE the shared parameters are the experts,
 * behind each task's gate, which it does not step: such a run is refused rather than measured
 * on a part of what the tasks share.
 */
function checkLookahead(spec: RunSpec, where: string): void {
  if (!coversLookahead(spec.architecture)) {
    throw new UsageError(
      `${where}: a lookahead run trains the shared-bottom network only (not ${architectureOf(spec).name})`,
    );
  }
  const every = spec.lookahead?.every;
  if (!Number.isInteger(every) || (every as number) < 1) {
    throw new UsageError(`${where}: lookahead.every must be a positive integer`);
  }
  if (spec.settings.bottom.length === 0) {
    throw new UsageError(
      `${where}: a lookahead run needs a shared bottom (settings.bottom is empty)`,
    );
  }
}

function checkSettings(s: ProxySettings, where: string): void {
  const positiveInts: (keyof ProxySettings)[] = ['rows', 'epochs', 'batchSize'];
  for (const field of positiveInts) {
    const v = s[field];
    if (!Number.isInteger(v) || (v as number) < 1) {
      throw new UsageError(`${where}: settings.${field} must be a positive integer`);
    }
  }
  if (!(s.learningRate > 0) || !Number.isFinite(s.learningRate)) {
    throw new UsageError(`${where}: settings.learningRate must be a positive number`);
  }
  for (const field of ['bottom', 'tower'] as const) {
    if (!Array.isArray(s[field]) || !s[field].every((w) => Number.isInteger(w) && w >= 1)) {
      throw new UsageError(`${where}: settings.${field} must be a list of positive integers`);
    }
  }
}
