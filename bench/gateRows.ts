/**
 * Group or gate in a benchmark's table: a search's chosen grouping, its all-in-one network and
 * its MMoE baseline (one MMoE over every task per seed), side by side, with MMoE − chosen and its
 * standard error (seed by seed when the grouping is measured) and what that says.
 */
import type { ReportModel } from '../src/report/model.js';

const figure = (value: number | null, stderr: number | null) =>
  value === null ? '—' : `${value.toFixed(4)} ± ${(stderr ?? 0).toFixed(4)}`;

export const GATE_HEADER = [
  'case'.padEnd(16),
  'networks'.padStart(8),
  'chosen'.padStart(18),
  'all-in-one'.padStart(18),
  'MMoE'.padStart(18),
  'MMoE − chosen'.padStart(20),
  '  verdict',
].join(' ');

/** What MMoE − chosen says: beyond one standard error either way, or within seed noise. */
function verdict(m: NonNullable<ReportModel['baselines']['mmoe']>): string {
  if (m.difference === null) return 'not measured';
  const se = m.differenceStderr ?? 0;
  if (m.better) return 'one MMoE is better';
  if (m.difference > se) return 'the grouping is better';
  return 'within seed noise';
}

/** One row of the table for `model`, labelled `label`. */
export function gateCells(label: string, model: ReportModel): string {
  const b = model.baselines;
  const m = b.mmoe;
  const diff =
    m && m.difference !== null
      ? `${(100 * m.difference).toFixed(2)} % ± ${(100 * (m.differenceStderr ?? 0)).toFixed(2)}`
      : '—';
  return [
    label.padEnd(16),
    String(model.grouping.length).padStart(8),
    `${figure(model.objective, model.objectiveStderr)}${model.objectiveKind === 'measured' ? '' : '*'}`.padStart(
      18,
    ),
    figure(b.allTogether, b.allTogetherStderr).padStart(18),
    (m ? figure(m.objective, m.stderr) : '—').padStart(18),
    diff.padStart(20),
    `  ${m ? verdict(m) : 'no MMoE baseline'}`,
  ].join(' ');
}
