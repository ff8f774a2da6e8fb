import { UsageError } from '../../errors.js';
import { MmoeNetwork } from '../kernels/mmoeNetwork.js';
import { initialMmoeParams, MmoeLayout } from './mmoeLayout.js';
import { MMOE, type ArchitectureChoice } from './names.js';
import type { ProxySettings } from '../types.js';
import type { Architecture } from './types.js';

const expertsOf = (choice: ArchitectureChoice): number => choice.experts ?? MMOE.expertsDefault;

/** The widths of each expert's layers: the choice's, else the bottom's. */
const expertLayersOf = (choice: ArchitectureChoice, settings: ProxySettings): number[] =>
  choice.expertLayers ?? settings.bottom;

/**
 * Multi-gate mixture of experts (Ma et al., KDD 2018): E experts, each an MLP (the bottom's
 * widths unless the choice names `expertLayers`), all reading the input; one softmax gate per
 * task (a linear layer from the input to E logits, as in the paper: its size follows from the
 * input and E); task t's tower reads Σ_e g_te · expert_e(x). Layout and initialisation in
 * mmoeLayout.ts, passes in kernels/mmoeNetwork.ts.
 */
export const mmoe: Architecture = Object.freeze<Architecture>({
  name: 'mmoe',
  resolve: (choice: ArchitectureChoice) => ({
    name: 'mmoe' as const,
    experts: expertsOf(choice),
    ...(choice.expertLayers && { expertLayers: [...choice.expertLayers] }),
  }),
  check(choice, settings, where) {
    const experts = expertsOf(choice);
    if (!Number.isInteger(experts) || experts < 1 || experts > MMOE.expertsMax) {
      throw new UsageError(
        `${where}: architecture.experts must be an integer from 1 to ${MMOE.expertsMax} (got ${String(choice.experts)})`,
      );
    }
    const layers = expertLayersOf(choice, settings);
    if (!Array.isArray(layers) || !layers.every((w) => Number.isInteger(w) && w >= 1)) {
      throw new UsageError(
        `${where}: architecture.expertLayers must be a list of positive integers (got ${JSON.stringify(layers)})`,
      );
    }
    if (layers.length === 0) {
      throw new UsageError(
        `${where}: an MMoE run needs expert layers (its experts take settings.bottom's widths, which is empty)`,
      );
    }
  },
  kernelNetwork(arena, shape, spec) {
    const choice = spec.architecture ?? { name: 'mmoe' };
    const experts = expertsOf(choice);
    const widths = { bottom: expertLayersOf(choice, spec.settings), tower: spec.settings.tower };
    const layout = new MmoeLayout(shape.inputWidth, widths, spec.tasks.length, experts);
    const initial = initialMmoeParams(layout, spec.seed, spec.tasks);
    return new MmoeNetwork(arena, layout, initial, shape.batchCap, shape.inputGrad);
  },
});
