import { fixed } from './format.js';
import type { ReportModel } from './model.js';

/**
 * Plain sentences (no markup, no task names) on what a grouping's numbers rest on, shared by
 * every format so they all say the same thing. Every objective is labelled measured or
 * estimated, with its standard error; nothing resting on an estimate is called optimal.
 */

/** "0.9837 ± 0.0015, measured" or "0.9901 ± 0.0040, estimated". */
export function objectiveLabel(
  objective: number,
  stderr: number | undefined,
  measured: boolean | undefined,
): string {
  const noise = stderr !== undefined && stderr > 0 ? ` ± ${fixed(stderr, 4)}` : '';
  return `${fixed(objective, 4)}${noise}, ${measured === false ? 'estimated' : 'measured'}`;
}

/** The chosen grouping's objective with its label. */
export const chosenObjectiveLabel = (model: ReportModel): string =>
  objectiveLabel(model.objective, model.objectiveStderr, model.objectiveKind === 'measured');

/** The all-in-one baseline with its label. */
export const allTogetherLabel = (model: ReportModel): string =>
  objectiveLabel(
    model.baselines.allTogether,
    model.baselines.allTogetherStderr,
    model.baselines.allTogetherMeasured,
  );

/** What the answer rests on and why the search stopped looking, in one or two sentences. */
export function certificateSentence(model: ReportModel): string {
  const c = model.certificate;
  const margin = `${fixed(100 * c.margin, 2)} %`;
  const groups = `${c.groupsMeasured} group${c.groupsMeasured === 1 ? '' : 's'} of 3+ tasks measured`;
  switch (c.status) {
    case 'exhaustive':
      return model.optimal
        ? 'Every task subset was trained: this is the best grouping on the measured losses (the exhaustive truth, up to seed noise).'
        : `Every task subset was trained; the solver stopped ${fixed(100 * (model.gap ?? 0), 2)} % from the best possible.`;
    case 'certified':
      return (
        `Chosen among fully measured groupings (${groups}); no other grouping is estimated, even ` +
        `optimistically (κ = ${c.kappa}, σ = ${fixed(c.sigma, 4)} per task), to beat it by more than ${margin}.`
      );
    case 'run cap':
      return (
        `Chosen among fully measured groupings (${groups}); the run cap stopped the search while ` +
        (c.optimisticBest === null
          ? 'some groupings were still unmeasured.'
          : `an unmeasured grouping could still score ${fixed(c.optimisticBest, 4)} optimistically; raise --max-runs to look further.`)
      );
    case 'not verified':
      return 'Verification was off: the grouping rests on the pair-based estimate, corrected by the all-in-one network; its groups of 3+ tasks were not trained.';
    case 'in progress':
      return `The search is not finished (${groups} so far): the grouping is the best measured one yet.`;
  }
}
