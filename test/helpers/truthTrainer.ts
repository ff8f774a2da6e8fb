import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Trainer } from '../../src/pipeline/trainer.js';
import type { RunResult, RunSpec } from '../../src/proxy/types.js';

/**
 * A trainer whose losses follow a truth function and no TensorFlow: task t alone has loss
 * 1 + t/10, in a run of `spec.tasks` that times truth(t, tasks, spec), and each seed and run
 * adds a small deterministic wobble. Each batch takes `delayMs`. Records the specs it trained.
 */
export function truthTrainer(
  truth: (task: number, tasks: number[], spec: RunSpec) => number,
  delayMs = 0,
): Trainer & { trained: RunSpec[] } {
  const trained: RunSpec[] = [];
  return {
    trained,
    async train(specs: RunSpec[]): Promise<RunResult[]> {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      trained.push(...specs);
      return specs.map((spec) => ({
        key: spec.key,
        losses: spec.tasks.map((t) => {
          const wobble = 1 + 0.0005 * Math.sin(spec.seed * 7 + t * 3 + spec.tasks.join('').length);
          return (1 + t / 10) * truth(t, spec.tasks, spec) * wobble;
        }),
        backend: 'fake',
        trainMs: 1,
      }));
    },
    async close() {},
  };
}

/** A small CSV with six binary tasks t0..t5 and two features (values are irrelevant to fakes). */
export function sixTaskCsv(dir: string, rows = 60): string {
  const file = join(dir, 'six.csv');
  const lines = ['x1,x2,t0,t1,t2,t3,t4,t5'];
  for (let r = 0; r < rows; r++) {
    const bit = (k: number) => String((r * (k + 3) + k) % (k + 2) === 0 ? 1 : 0);
    lines.push([r % 7, (r * 13) % 11, ...[0, 1, 2, 3, 4, 5].map(bit)].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
