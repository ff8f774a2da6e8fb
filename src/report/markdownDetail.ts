import { shownText } from './escape.js';
import { MISSING, formatMetric, formatObjective, formatObjectiveStderr } from './format.js';
import { groupingText, markdownTable } from './markdownParts.js';
import type { ReportModel } from './model.js';

/**
 * The Markdown report's detail of the runs (report/runDetail.ts): each task's metric for the
 * per-task table, every trained group's estimates against its measured loss (the HTML report
 * plots them), and the command that asks the question again.
 */

/** A task's metric cell: `AUC 0.805 → 0.820`, or — when the search stored none. */
export function metricText(model: ReportModel, task: string): string {
  const row = model.taskMetrics?.find((m) => m.task === task);
  return row ? `${row.metric} ${formatMetric(row.alone)} → ${formatMetric(row.grouped)}` : MISSING;
}

export const METRIC_SENTENCE =
  'Metric: AUC for a binary task (higher is better), RMSE in the label’s unit for regression ' +
  '(lower is better), alone → in its network, at the epoch whose loss is shown; — where that ' +
  'network was not trained or the runs predate metrics.';

export function estimatesMarkdown(model: ReportModel): string[] {
  const points = model.trainedGroups ?? [];
  if (points.length === 0) return [];
  return [
    '## Estimates against measured losses',
    '',
    'Each trained group of three or more tasks: its weighted mean relative loss as the pairs ' +
      'estimate it, as the error model corrects that estimate (fitted on every measured group, ' +
      'this one included), and as measured (mean and standard error over seeds; each seed in ' +
      'the JSON and CSV reports). The HTML report plots them.',
    '',
    markdownTable(
      ['Group', 'Pair estimate', 'Corrected estimate', 'Measured', '± s.e.'],
      ['left', 'right', 'right', 'right', 'right'],
      points.map((p) => [
        groupingText([p.group]),
        `*${formatObjective(p.pairEstimate)}*`,
        `*${formatObjective(p.correctedEstimate)}*`,
        formatObjective(p.measured),
        formatObjectiveStderr(p.measuredStderr),
      ]),
    ),
    '',
  ];
}

/** `text` as a fenced code block whose fence no run of backticks in it can close. */
function fenced(text: string, info = ''): string[] {
  const body = text.split('\n').map(shownText);
  const longest = Math.max(
    0,
    ...(body
      .join('\n')
      .match(/`+/g)
      ?.map((run) => run.length) ?? []),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...body, fence];
}

export function reproduceMarkdown(model: ReportModel): string[] {
  const reproduce = model.reproduce;
  if (!reproduce) return [];
  const config = reproduce.config
    ? [
        '',
        'It names a config file for the settings that have no flag; save this as `study.json`:',
        '',
        ...fenced(JSON.stringify(reproduce.config, null, 2), 'json'),
      ]
    : [];
  return [
    '## Reproduce',
    '',
    `The same question, asked with taskgroup ${shownText(model.facts.toolVersion)} (in this ` +
      "search's database it is this search; elsewhere it trains the same runs):",
    '',
    ...fenced(reproduce.command, 'sh'),
    ...config,
    '',
  ];
}
