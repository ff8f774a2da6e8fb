import { certificateSentence } from './certificate.js';
import { markdownCode } from './escape.js';
import { formatObjective, formatObjectiveChange, formatObjectiveStderr } from './format.js';
import { GATE_RULE, gateRows, gateSentence } from './gate.js';
import type { ReportModel } from './model.js';
import {
  adviceText,
  figure,
  groupingText,
  markdownTable,
  objectiveCells,
} from './markdownParts.js';
import {
  COMPARISON_RULE,
  TRUTH_RULE,
  noiseComparisons,
  truthRows,
  truthSentence,
  verificationIntro,
  verificationRows,
} from './sources.js';

/**
 * The Markdown sections on what the answer rests on: the certificate and seed noise (under
 * Decision), the MMoE baseline beside the grouping, the groups of 3+ trained, and the exhaustive
 * truth when one is known.
 */

/** The certificate sentence, the seed-by-seed comparisons and the advice, for the Decision section. */
export function restsOn(model: ReportModel): string[] {
  const lines = [`**What it rests on.** ${certificateSentence(model)}`, ''];
  const comparisons = noiseComparisons(model);
  if (comparisons.length > 0) {
    lines.push(
      `**Seed noise.** ${COMPARISON_RULE}`,
      '',
      markdownTable(
        [
          'Compared with',
          'Networks',
          'Objective',
          '± s.e.',
          'Source',
          'Worse by',
          '± s.e. (paired)',
          'Grouping',
        ],
        ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'left'],
        comparisons.map(({ label, comparison: c }) => [
          label,
          String(c.networks),
          ...objectiveCells(c),
          formatObjectiveChange(c.difference),
          formatObjectiveStderr(c.differenceStderr),
          groupingText(c.grouping),
        ]),
      ),
      '',
    );
  }
  if (model.noise.advice.length > 0) {
    lines.push(
      '**Advice.**',
      '',
      ...model.noise.advice.map((line) => `- ${adviceText(line, model)}`),
      '',
    );
  }
  return lines;
}

export function groupsTrained(model: ReportModel): string[] {
  const rows = verificationRows(model);
  if (rows.length === 0)
    return ['## Groups trained', '', 'No group of three or more tasks was trained.', ''];
  return [
    '## Groups trained',
    '',
    verificationIntro(model),
    '',
    markdownTable(
      ['Group', 'Tasks', 'Pair estimate', 'Measured', 'Measured − estimate'],
      ['left', 'right', 'right', 'right', 'right'],
      rows.map((row) => [
        groupingText([row.group]),
        String(row.group.length),
        `*${formatObjective(row.estimated)}*`,
        formatObjective(row.measured),
        formatObjectiveChange(row.difference),
      ]),
    ),
    '',
  ];
}

export function againstTruth(model: ReportModel): string[] {
  const truth = model.truth;
  if (!truth) return [];
  const rows = truthRows(model, truth).map((row) => [
    row.atBudget ? `**${row.best.budget}** (budget)` : String(row.best.budget),
    formatObjective(row.best.objective),
    row.ours && row.oursLabel ? figure(row.oursLabel, row.ours.measured) : '—',
    row.sameGrouping,
    groupingText(row.best.grouping),
  ]);
  return [
    '## Against the exhaustive truth',
    '',
    `Search ${markdownCode(truth.searchId, false)} ${TRUTH_RULE} ${truthSentence(truth)}`,
    '',
    `The best grouping within the budget: ${groupingText(truth.optimum.grouping, false)}.`,
    '',
    markdownTable(
      [
        'Budget',
        'True best (measured)',
        "This search's best",
        'Same grouping',
        'True best grouping',
      ],
      ['right', 'right', 'right', 'left', 'left'],
      rows,
    ),
    '',
  ];
}

/** Group or gate: the chosen grouping beside one MMoE over every task, when it was trained. */
export function groupOrGate(model: ReportModel): string[] {
  const sentence = gateSentence(model);
  if (sentence === undefined) return [];
  const rows = gateRows(model).map((row) => [
    row.label,
    String(row.networks),
    ...objectiveCells(row.option),
  ]);
  return [
    '## Group or gate',
    '',
    GATE_RULE,
    '',
    sentence,
    '',
    ...(rows.length === 0
      ? []
      : [
          markdownTable(
            ['Serve', 'Networks', 'Objective', '± s.e.', 'Source'],
            ['left', 'right', 'right', 'right', 'left'],
            rows,
          ),
          '',
        ]),
  ];
}
