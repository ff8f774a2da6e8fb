import { budgetSteps, oneMoreNetworkSentence } from './budgetSteps.js';
import { allTogetherLabel, chosenObjectiveLabel } from './certificate.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import {
  formatCount,
  formatDuration,
  formatLoss,
  formatObjective,
  formatObjectiveChange,
  formatPercent,
  formatRelativeChange,
  formatSetting,
  formatStderrPoints,
  meanChangeSentence,
  plural,
} from './format.js';
import { tasksInGroupOrder } from './groupOrder.js';
import { auxiliarySection } from './markdownAuxiliaries.js';
import { architectureFact, embedFact } from './gate.js';
import { againstTruth, groupOrGate, groupsTrained, restsOn } from './markdownEvidence.js';
import {
  METRIC_SENTENCE,
  estimatesMarkdown,
  metricText,
  reproduceMarkdown,
} from './markdownDetail.js';
import {
  type Align,
  code,
  figure,
  groupingText,
  markdownTable,
  marked,
  objectiveCells,
} from './markdownParts.js';
import type { ReportModel } from './model.js';
import { networkSummaries } from './networks.js';
import type { ReportFormat } from './reportFormat.js';
import { SIGNIFICANCE_RULE, isSignificant } from './significance.js';
import { SOURCE_RULE, networkSource, optimalNote, sourceOf, verificationFact } from './sources.js';
import { statusNotice } from './status.js';

/**
 * The report as GitHub-flavoured Markdown: headings, short sentences and pipe tables, no HTML,
 * so it reads the same on a code host, in a terminal and in a pull-request comment. Task names
 * are code spans (see markdownCode), so no name can start markup or break a table. Every
 * objective says whether it is measured or estimated (estimated ones also in italics), with its
 * standard error.
 */

function header(model: ReportModel): string[] {
  const notice = statusNotice(model);
  const lines = [`# Task grouping report: search ${markdownCode(model.searchId, false)}`, ''];
  if (notice)
    lines.push(`> **${model.status === 'done' ? 'Note' : 'Provisional'}.** ${notice}`, '');
  return lines;
}

function decision(model: ReportModel): string[] {
  const budget =
    model.budget === null ? 'no limit on networks' : `budget ${plural(model.budget, 'network')}`;
  const table = markdownTable(
    ['Network', 'Tasks', 'Mean change in loss', 'Source'],
    ['right', 'left', 'right', 'left'],
    networkSummaries(model).map((net) => [
      String(net.index + 1),
      net.tasks.map(code).join(', '),
      figure(formatRelativeChange(net.relativeLoss), networkSource(net) === 'measured'),
      networkSource(net),
    ]),
  );
  const next = oneMoreNetworkSentence(model, formatObjective);
  const optimal = optimalNote(model);
  return [
    '## Decision',
    '',
    `Train **${plural(model.grouping.length, 'network')}** (${budget}): ` +
      `${groupingText(model.grouping, false)}. ${meanChangeSentence(model.objective, model.objectiveKind)}` +
      `${next ? ` ${next}` : ''}`,
    '',
    `Objective **${chosenObjectiveLabel(model)}**${optimal ? ` (${optimal})` : ''}: the weighted mean of ` +
      "each task's loss relative to training it alone (1 = all separate, lower is better).",
    '',
    SOURCE_RULE,
    '',
    table,
    '',
    ...restsOn(model),
  ];
}

function perTask(model: ReportModel): string[] {
  const types = new Map(model.tasks.map((task, i) => [task, model.taskTypes[i] ?? '']));
  const rows = model.perTask.map((row) => [
    code(row.task),
    types.get(row.task) ?? '',
    String(row.group + 1),
    formatLoss(row.lossAlone),
    figure(formatLoss(row.lossGrouped), row.measured),
    sourceOf(row.measured),
    marked(
      figure(formatRelativeChange(row.relativeLoss), row.measured),
      isSignificant(row.relativeLoss - 1, row.stderr),
    ),
    formatStderrPoints(row.stderr),
    formatSetting(row.weight),
    metricText(model, row.task),
  ]);
  return [
    '## Per task',
    '',
    'Loss alone: the task trained by itself; in group: in its network, measured when that very ' +
      'network was trained, else estimated from pairs (in italics; Source says which). ' +
      'Change = in group / alone − 1; negative is better; ' +
      `\\* marks a change beyond ${SIGNIFICANCE_RULE}. ± is its standard error in percentage points. ` +
      METRIC_SENTENCE,
    '',
    markdownTable(
      [
        'Task',
        'Type',
        'Network',
        'Loss alone',
        'Loss in group',
        'Source',
        'Change',
        '± s.e.',
        'Weight',
        'Metric',
      ],
      ['left', 'left', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'right'],
      rows,
    ),
    '',
  ];
}

function budgets(model: ReportModel): string[] {
  const rows = budgetSteps(model).map((step) => [
    step.chosen ? `**${step.budget}** (chosen)` : String(step.budget),
    ...objectiveCells(step),
    step.gain === null ? '' : formatObjectiveChange(step.gain),
    groupingText(step.grouping),
  ]);
  return [
    '## What one more network buys',
    '',
    `Baselines: all tasks separate ${formatObjective(model.baselines.allSeparate)} ` +
      `(${plural(model.tasks.length, 'network')}, by definition), all together ${allTogetherLabel(model)} ` +
      '(1 network). Below, the best grouping within each budget of networks; gain: how much lower ' +
      'its objective is than with a budget of one network fewer.',
    '',
    markdownTable(
      ['Budget', 'Objective', '± s.e.', 'Source', 'Gain', 'Best grouping'],
      ['right', 'right', 'right', 'left', 'right', 'left'],
      rows,
    ),
    '',
  ];
}

function transfer(model: ReportModel): string[] {
  const order = tasksInGroupOrder(model);
  const { matrix, stderr } = model.transfer;
  const rows = order.map((row) => [
    row.group >= 0 ? String(row.group + 1) : '',
    code(row.task),
    ...order.map((col) => {
      if (col.index === row.index) return '·';
      const t = matrix[row.index]?.[col.index];
      const se = stderr[row.index]?.[col.index] ?? 0;
      return marked(formatPercent(t), isSignificant(t, se));
    }),
  ]);
  return [
    '## Transfer between tasks',
    '',
    'T(j→i) = 1 − L_i({i,j}) / L_i({i}), in percent: how much the loss of task i (row) falls ' +
      'when it trains together with task j (column). Positive: j helps i; negative: j hurts i. ' +
      `Tasks are ordered by network; \\* marks ${SIGNIFICANCE_RULE}.`,
    '',
    markdownTable(
      ['Network', 'i \\\\ j', ...order.map((col) => code(col.task))],
      ['right', 'left', ...order.map((): Align => 'right')],
      rows,
    ),
    '',
  ];
}

function alternatives(model: ReportModel): string[] {
  if (model.alternatives.length === 0)
    return ['## Alternatives', '', 'None within the budget.', ''];
  const rows = model.alternatives.map((option, i) => [
    String(i + 1),
    String(option.grouping.length),
    ...objectiveCells(option),
    formatObjectiveChange(option.objective - model.objective),
    groupingText(option.grouping),
  ]);
  return [
    '## Alternatives',
    '',
    'The next-best groupings within the budget; "vs chosen" is how much higher their objective is.',
    '',
    markdownTable(
      ['Rank', 'Networks', 'Objective', '± s.e.', 'Source', 'vs chosen', 'Grouping'],
      ['right', 'right', 'right', 'right', 'left', 'right', 'left'],
      rows,
    ),
    '',
  ];
}

const optionalFact = (name: string, text: string | undefined): [string, string][] =>
  text === undefined ? [] : [[name, escapeMarkdown(text)]];

function facts(model: ReportModel): string[] {
  const { facts: f, runs } = model;
  const proxy = Object.entries(f.proxy)
    .map(([key, value]) => code(`${key}=${formatSetting(value)}`))
    .join(' ');
  const rows: [string, string][] = [
    ['Status', model.status],
    ['Data file', f.dataFile === '' ? '' : code(f.dataFile)],
    ['Fingerprint', code(f.fingerprint)],
    ['Rows', `${formatCount(f.trainRows)} training, ${formatCount(f.valRows)} validation`],
    ['Seeds', `${f.seeds} (base seed ${f.seed})`],
    ['Proxy settings', proxy],
    ...optionalFact('Networks', architectureFact(model)),
    ...optionalFact('Embedded columns', embedFact(model)),
    [
      'Runs',
      `${runs.total} planned: ${runs.trained} trained, ${runs.cached} cached, ${runs.failed} failed`,
    ],
    ['Verification', verificationFact(model)],
    ['Time', formatDuration(model.elapsedSec)],
    ['Backend', escapeMarkdown(f.backend)],
    ['Tool version', `taskgroup ${escapeMarkdown(f.toolVersion)}`],
    ['Started', escapeMarkdown(f.createdAt)],
    ['Finished', f.finishedAt === null ? 'not yet' : escapeMarkdown(f.finishedAt)],
  ];
  return ['## Search facts', '', markdownTable(['Fact', 'Value'], ['left', 'left'], rows), ''];
}

/** The whole report as one Markdown document ending in a newline. */
export function renderMarkdown(model: ReportModel): string {
  return [
    ...header(model),
    ...decision(model),
    ...auxiliarySection(model),
    ...perTask(model),
    ...budgets(model),
    ...groupOrGate(model),
    ...transfer(model),
    ...alternatives(model),
    ...groupsTrained(model),
    ...estimatesMarkdown(model),
    ...againstTruth(model),
    ...facts(model),
    ...reproduceMarkdown(model),
  ].join('\n');
}

export const markdownFormat: ReportFormat = {
  name: 'md',
  description:
    'GitHub-flavoured Markdown: decision and what it rests on, per-task table, budgets, transfer table, groups trained, exhaustive truth, facts',
  render: (model) => [{ name: 'report.md', content: renderMarkdown(model) }],
};
