import { UsageError } from '../../errors.js';
import { MmoeNetwork } from '../kernels/mmoeNetwork.js';
import { initialMmoeParams, MmoeLayout } from './mmoeLayout.js';
import type { ArchitectureChoice } from './names.js';
import type { Architecture } from './types.js';

/** MMoE's defaults and limits: 4 experts, as the issue's measurements and Ma et al.'s examples. */
export const MMOE = Object.freeze({
  expertsDefault: 4,
  /** The mixture's backward keeps one number per expert on the stack (kernels.c MAX_EXPERTS). */
  expertsMax: 64,
});

const expertsOf = (choice: ArchitectureChoice): number => choice.experts ?? MMOE.expertsDefault;

/**
 * Multi-gate mixture of experts (Ma et al., KDD 2018): E experts, each an MLP with the bottom's
 * widths (settings.bottom), all reading the input; one softmax gate per task (a linear layer
 * from the input to E logits); task t's tower reads Σ_e g_te · expert_e(x). Layout and
 * initialisation in mmoeLayout.ts, passes in kernels/mmoeNetwork.ts.
 */
export const mmoe: Architecture = Object.freeze<Architecture>({
  name: 'mmoe',
  description: 'multi-gate mixture of experts: shared experts, one softmax gate per task',
  // The tasks share the experts, behind each task's gate: a lookahead of the bottom has none.
  lookahead: false,
  resolve: (choice: ArchitectureChoice) => ({ name: 'mmoe' as const, experts: expertsOf(choice) }),
  check(choice, settings, where) {
    const experts = expertsOf(choice);
    if (!Number.isInteger(experts) || experts < 1 || experts > MMOE.expertsMax) {
      throw new UsageError(
        `${where}: architecture.experts must be an integer from 1 to ${MMOE.expertsMax} (got ${String(choice.experts)})`,
      );
    }
    if (settings.bottom.length === 0) {
      throw new UsageError(
        `${where}: an MMoE run needs expert layers (its experts take settings.bottom's widths, which is empty)`,
      );
    }
  },
  kernelNetwork(arena, shape, spec) {
    const experts = expertsOf(spec.architecture ?? { name: 'mmoe' });
    const layout = new MmoeLayout(shape.inputWidth, spec.settings, spec.tasks.length, experts);
    const initial = initialMmoeParams(layout, spec.seed, spec.tasks);
    return new MmoeNetwork(arena, layout, initial, shape.batchCap, shape.inputGrad);
  },
});
