import type { Trainer } from '../../src/pipeline/trainer.js';
import type { RunResult, RunSpec } from '../../src/proxy/types.js';

/**
 * A trainer with planted transfer and no TensorFlow: task i alone has loss 1 + i/10; with a
 * partner of its own cluster the loss falls 10%, with any other partner it rises 5%; each seed
 * adds a small deterministic wobble; a group of three or more behaves like its task's first
 * partner times `groupPenalty` (default 1). Records what it trained.
 */
export function fakeTrainer(clusters: number[][], options: { failKeys?: Map<string, number>; delayMs?: number; groupPenalty?: number } = {}) {
  const clusterOf = (t: number) => clusters.findIndex((c) => c.includes(t));
  const trained: string[] = [];
  const failures = options.failKeys ?? new Map<string, number>();
  const loss = (spec: RunSpec, task: number) => {
    const alone = 1 + task / 10;
    const partner = spec.tasks.find((t) => t !== task);
    const wobble = 1 + 0.003 * Math.sin(spec.seed * 7 + task * 3 + (partner ?? 0));
    if (partner === undefined) return alone * wobble;
    const penalty = spec.tasks.length >= 3 ? (options.groupPenalty ?? 1) : 1;
    return alone * wobble * penalty * (clusterOf(partner) === clusterOf(task) ? 0.9 : 1.05);
  };
  const trainer: Trainer & { trained: string[] } = {
    trained,
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
      return specs.map((spec) => ({ key: spec.key, losses: spec.tasks.map((t) => loss(spec, t)), backend: 'fake', trainMs: 1 }));
    },
    async close() {},
  };
  return trainer;
}
