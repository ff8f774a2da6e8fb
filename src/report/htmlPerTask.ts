import { changeBarSvg, changeDomain } from './changeBar.js';
import { escapeHtml as esc } from './escape.js';
import { MISSING, formatLoss, formatMetric, formatSetting, formatStderrPoints } from './format.js';
import { changeHtml, figure, num, sourceCell, taskSpan } from './htmlParts.js';
import type { ReportModel } from './model.js';
import { SIGNIFICANCE_RULE, isSignificant } from './significance.js';

/**
 * The HTML report's per-task table: each task's loss alone and in its network, the change with
 * its seed noise as a bar, its weight, and its metric (AUC, RMSE) alone and in its network. A
 * result stored before metrics were kept shows "—" for them.
 */

/** The per-task table's metric header cell. */
export const METRIC_HEADER = '<th class="num">Metric</th>';

/** A task's metric cell: `AUC 0.805 → 0.820` (— where unknown, or estimated in its network). */
export function metricCell(model: ReportModel, task: string): string {
  const row = model.taskMetrics?.find((m) => m.task === task);
  if (!row) return num(MISSING);
  return num(
    `<span class="metric"><span class="muted">${row.metric}</span> ` +
      `${formatMetric(row.alone)} → ${formatMetric(row.grouped)}</span>`,
  );
}

/** What the metric column means, for the section's text. */
export const METRIC_NOTE =
  'Metric: AUC for a binary task (higher is better), RMSE in the label’s own unit for a ' +
  'regression task (lower is better), on the validation rows at the epoch whose loss is shown, ' +
  'mean over seeds, alone → in its network; — in its network where that network was not ' +
  'trained, and for runs stored before metrics were kept.';

export function perTask(model: ReportModel): string {
  const types = new Map(model.tasks.map((task, i) => [task, model.taskTypes[i] ?? '']));
  const domain = changeDomain(model.perTask);
  const rows = model.perTask
    .map((row) => {
      const significant = isSignificant(row.relativeLoss - 1, row.stderr);
      return (
        `<tr><td>${taskSpan(row.task)}</td><td>${esc(types.get(row.task) ?? '')}</td>` +
        num(String(row.group + 1)) +
        num(formatLoss(row.lossAlone)) +
        num(figure(formatLoss(row.lossGrouped), row.measured)) +
        sourceCell(row.measured) +
        num(
          figure(
            `${significant ? '<strong>' : ''}${changeHtml(row.relativeLoss)}${significant ? '</strong>' : ''}`,
            row.measured,
          ),
        ) +
        num(esc(formatStderrPoints(row.stderr))) +
        `<td>${changeBarSvg(row.relativeLoss, row.stderr, domain)}</td>` +
        num(esc(formatSetting(row.weight))) +
        `${metricCell(model, row.task)}</tr>`
      );
    })
    .join('');
  return (
    `<section id="per-task"><h2>Per task</h2>` +
    `<p>Loss alone: the task trained by itself; in group: in its network, measured when that very ` +
    `network was trained, else estimated from pairs (in italics; Source says which). ` +
    `Change = in group ÷ alone − 1, with its standard ` +
    `error over seeds in percentage points; bold when ${esc(SIGNIFICANCE_RULE)}. The bar shows the ` +
    `change and, as a whisker, ±2 standard errors: a whisker that crosses the centre line is noise. ` +
    `${esc(METRIC_NOTE)}</p>` +
    `<table><thead><tr><th>Task</th><th>Type</th><th class="num">Network</th>` +
    `<th class="num">Loss alone</th><th class="num">Loss in group</th><th>Source</th><th class="num">Change</th>` +
    `<th class="num">± s.e.</th><th>Change, ±2 s.e.</th><th class="num">Weight</th>${METRIC_HEADER}</tr></thead>` +
    `<tbody>${rows}</tbody></table></section>`
  );
}
