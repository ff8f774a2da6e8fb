import type { Trainer } from '../../src/pipeline/trainer.js';
import type { RunResult, RunSpec } from '../../src/proxy/types.js';

/**
 * A trainer with planted transfer and no TensorFlow: task i alone has loss 1 + i/10; with a
 * partner of its own cluster the loss falls 10%, with any other partner it rises 5%; each seed
 * adds a small deterministic wobble; a group of three or more behaves like its task's first
 * partner times `groupPenalty` (default 1). A lookahead spec also gets an affinity: Z(j→i) =
 * 1e-4 within a cluster, −5e-5 across, 1e-3 on the diagonal, with a seed wobble. A run of two
 * or more tasks of another network (a spec with an architecture: an MMoE) behaves as the shared
 * bottom's times `mmoe` (default 1), with a seed wobble of its own. A task of `aloof` shows
 * its cluster's help only in groups of 3+: in a pair with a cluster mate its loss is as alone,
 * and its lookahead affinity to them 0 (what only a larger shared network reveals). With `metrics`, each task's
 * metric is 1 − loss / 4. Records what it trained, and every spec it was given.
 */
export function fakeTrainer(
  clusters: number[][],
  options: {
    failKeys?: Map<string, number>;
    delayMs?: number;
    groupPenalty?: number;
    mmoe?: number;
    /** Also report each task's metric, 1 − its loss / 4 (as if an AUC). */
    metrics?: boolean;
    /** Tasks whose cluster helps them only in groups of 3+ (no help in its pairs or lookahead). */
    aloof?: number[];
  } = {},
) {
  const clusterOf = (t: number) => clusters.findIndex((c) => c.includes(t));
  const trained: string[] = [];
  const aloof = new Set(options.aloof ?? []);
  const failures = options.failKeys ?? new Map<string, number>();
  const loss = (spec: RunSpec, task: number) => {
    const alone = 1 + task / 10;
    const partner = spec.tasks.find((t) => t !== task);
    const wobble = 1 + 0.003 * Math.sin(spec.seed * 7 + task * 3 + (partner ?? 0));
    if (partner === undefined) return alone * wobble;
    const penalty = spec.tasks.length >= 3 ? (options.groupPenalty ?? 1) : 1;
    const gated = spec.architecture
      ? (options.mmoe ?? 1) * (1 + 0.002 * Math.sin(spec.seed * 11 + task * 5))
      : 1;
    const shy = spec.tasks.length === 2 && (aloof.has(task) || aloof.has(partner));
    const planted = clusterOf(partner) === clusterOf(task) ? (shy ? 1 : 0.9) : 1.05;
    return alone * wobble * penalty * gated * planted;
  };
  const affinity = (spec: RunSpec) =>
    spec.tasks.flatMap((i) =>
      spec.tasks.map((j) => {
        const wobble = 1 + 0.1 * Math.sin(spec.seed * 5 + i * 7 + j);
        const same = clusterOf(i) === clusterOf(j);
        const near = aloof.has(i) || aloof.has(j) ? 0 : 1e-4;
        return (i === j ? 1e-3 : same ? near : -5e-5) * wobble;
      }),
    );
  const specsSeen: RunSpec[] = [];
  const trainer: Trainer & { trained: string[]; specs: RunSpec[] } = {
    trained,
    specs: specsSeen,
    async train(specs: RunSpec[]): Promise<RunResult[]> {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      for (const spec of specs) {
        const left = failures.get(spec.key);
        if (left !== undefined && left > 0) {
          failures.set(spec.key, left - 1);
          throw new Error(`planted failure of ${spec.key}`);
        }
      }
      trained.push(...specs.map((s) => s.key));
      specsSeen.push(...specs);
      return specs.map((spec) => ({
        key: spec.key,
        losses: spec.tasks.map((t) => loss(spec, t)),
        ...(options.metrics ? { metrics: spec.tasks.map((t) => 1 - loss(spec, t) / 4) } : {}),
        backend: 'fake',
        trainMs: 1,
        ...(spec.lookahead ? { affinity: affinity(spec), lookaheadSteps: 1 } : {}),
      }));
    },
    async close() {},
  };
  return trainer;
}
