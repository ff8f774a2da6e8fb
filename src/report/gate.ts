import { objectiveLabel } from './certificate.js';
import { fixed } from './format.js';
import type { GroupingOption, ReportModel } from './model.js';

/**
 * What every format says of the networks a search trained: the MMoE baseline beside a
 * shared-bottom search ("group or gate"), and the network and embedded columns among the facts.
 * Plain sentences (no markup, no task names), so every format says the same thing.
 */

const pct = (x: number): string => `${fixed(100 * x, 2)} %`;

/** What the MMoE baseline is, for a section's first sentence. */
export const GATE_RULE =
  'One MMoE (shared experts, one softmax gate per task; Ma et al., KDD 2018) over every task, ' +
  "trained once per seed beside the grouping's runs with the same rows, steps and seeds: its " +
  "objective is each task's loss in it relative to training the task alone, as a grouping's is.";

/**
 * "One MMoE over all 5 tasks (4 experts): objective 0.9720 ± 0.0015, measured; 0.70 % worse
 * than the chosen grouping (± 0.10 %, seed by seed)." Undefined without an MMoE baseline.
 */
export function gateSentence(model: ReportModel): string | undefined {
  const m = model.baselines.mmoe;
  if (!m) return undefined;
  const what = `One MMoE over all ${model.tasks.length} tasks (${m.experts} experts)`;
  if (m.objective === null || m.difference === null)
    return `${what}: not measured (every one of its runs failed).`;
  const how = m.paired ? 'seed by seed' : 'against its estimate';
  const se = m.differenceStderr ?? 0;
  const side = m.difference < 0 ? 'better' : 'worse';
  const noise = Math.abs(m.difference) <= se ? ', within seed noise' : '';
  return (
    `${what}: objective ${objectiveLabel(m.objective, m.stderr ?? 0, true)}; ` +
    `${pct(Math.abs(m.difference))} ${side} than the chosen grouping (± ${pct(se)}, ${how})${noise}.`
  );
}

/** "mmoe (4 experts, each 128-64)", "shared-bottom"; undefined when the result does not say. */
export function architectureFact(model: ReportModel): string | undefined {
  const a = model.facts.architecture;
  if (!a) return undefined;
  const parts = [
    ...(a.experts !== undefined ? [`${a.experts} experts`] : []),
    ...(a.expertLayers ? [`each ${a.expertLayers.join('-')}`] : []),
  ];
  return parts.length > 0 ? `${a.name} (${parts.join(', ')})` : a.name;
}

/** "userId (dim 16, 65,536 rows), movieId (dim 32, 65,536 rows)"; undefined when none. */
export function embedFact(model: ReportModel): string | undefined {
  const e = model.facts.embed;
  if (!e || e.length === 0) return undefined;
  return e
    .map((c) => `${c.column} (dim ${c.dim}, ${c.rows.toLocaleString('en-US')} rows)`)
    .join(', ');
}

/** One row of the group-or-gate table: what is served, in how many networks, its objective. */
export interface GateRow {
  label: string;
  networks: number;
  option: GroupingOption;
}

/**
 * The chosen grouping, one network for every task and one MMoE over every task, side by side;
 * empty without an MMoE baseline (or when none of its runs finished).
 */
export function gateRows(model: ReportModel): GateRow[] {
  const m = model.baselines.mmoe;
  if (!m || m.objective === null) return [];
  const everyTask = [model.tasks];
  const b = model.baselines;
  return [
    {
      label: 'Chosen grouping',
      networks: model.grouping.length,
      option: {
        grouping: model.grouping,
        objective: model.objective,
        stderr: model.objectiveStderr,
        measured: model.objectiveKind === 'measured',
      },
    },
    {
      label: 'All together (one shared bottom)',
      networks: 1,
      option: {
        grouping: everyTask,
        objective: b.allTogether,
        stderr: b.allTogetherStderr,
        measured: b.allTogetherMeasured,
      },
    },
    {
      label: `One MMoE (${m.experts} experts)`,
      networks: 1,
      option: {
        grouping: everyTask,
        objective: m.objective,
        stderr: m.stderr ?? 0,
        measured: true,
      },
    },
  ];
}
