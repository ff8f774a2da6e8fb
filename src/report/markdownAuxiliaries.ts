import { AUXILIARY_RULE, auxiliaryRows, formatGain } from './auxiliaries.js';
import { escapeMarkdown } from './escape.js';
import { formatStderrPoints } from './format.js';
import { code, figure, markdownTable } from './markdownParts.js';
import type { ReportModel } from './model.js';
import { sourceOf } from './sources.js';

/** The Markdown section on auxiliary tasks (a search with `--aux`); nothing otherwise. */
export function auxiliarySection(model: ReportModel): string[] {
  if (!model.auxiliaries) return [];
  const chosen = model.grouping.map(
    (main, g) =>
      `- network ${g + 1} (${main.map(code).join(', ')}): ` +
      (model.auxiliaries![g].length > 0
        ? model.auxiliaries![g].map(code).join(', ')
        : 'no auxiliary'),
  );
  const rows = auxiliaryRows(model).map((row) => [
    String(row.network + 1),
    code(row.task),
    escapeMarkdown(row.role),
    figure(formatGain(row.gain), row.measured),
    formatStderrPoints(row.stderr, 2),
    sourceOf(row.measured),
  ]);
  return [
    '## Auxiliary tasks',
    '',
    `Auxiliary tasks train alongside the main ones and are never scored; each network takes the ones that help it.`,
    '',
    ...chosen,
    '',
    escapeMarkdown(AUXILIARY_RULE),
    '',
    markdownTable(
      ['Network', 'Auxiliary', 'Role', 'Gain', '± s.e.', 'Source'],
      ['right', 'left', 'left', 'right', 'right', 'left'],
      rows,
    ),
    '',
  ];
}
