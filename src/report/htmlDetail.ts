import { escapeHtml as esc } from './escape.js';
import { estimateScatterSvg } from './estimateScatter.js';
import { formatLoss, formatMetric, formatObjective, formatObjectiveStderr } from './format.js';
import { groupingHtml, num, taskSpan } from './htmlParts.js';
import type { ReportModel } from './model.js';

/**
 * The HTML report's detail of the runs (report/runDetail.ts): every trained group's estimates
 * against its measured loss (a scatter plot and its table), each seed's figures, and the command
 * that asks the question again. A result stored before these existed goes without them.
 */

export function estimatesSection(model: ReportModel): string {
  const points = model.trainedGroups ?? [];
  if (points.length === 0) return '';
  const seeds = points[0].seeds;
  const rows = points
    .map(
      (p) =>
        `<tr><td>${groupingHtml([p.group])}</td>` +
        num(`<span class="est">${formatObjective(p.pairEstimate)}</span>`) +
        num(`<span class="est">${formatObjective(p.correctedEstimate)}</span>`) +
        num(formatObjective(p.measured)) +
        num(esc(formatObjectiveStderr(p.measuredStderr))) +
        p.bySeed.map((v) => num(formatObjective(v))).join('') +
        `</tr>`,
    )
    .join('');
  return (
    `<section id="estimates"><h2>Estimates against measured losses</h2>` +
    `<p>Each group of three or more tasks that was trained, at the height of its measured ` +
    `relative loss (weighted mean over its tasks, ±2 standard errors over seeds): the hollow ` +
    `circle is what the pairs alone estimated for it, the square what the corrected estimate ` +
    `says (the pair estimate plus the error model fitted on every measured group, this one ` +
    `included). On the dashed diagonal an estimate equals the measurement; right of it, the ` +
    `estimate was too pessimistic. Hover a mark for its figures.</p>` +
    `<figure>${estimateScatterSvg(points)}</figure>` +
    `<table><thead><tr><th>Group</th><th class="num">Pair estimate</th>` +
    `<th class="num">Corrected estimate</th><th class="num">Measured</th><th class="num">± s.e.</th>` +
    seeds.map((seed) => `<th class="num">Seed ${seed}</th>`).join('') +
    `</tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

export function perSeedSection(model: ReportModel): string {
  const rows = model.perSeed ?? [];
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (row) =>
        `<tr><td>${taskSpan(row.task)}</td>${num(String(row.group + 1))}${num(String(row.seed))}` +
        num(formatLoss(row.lossAlone)) +
        num(formatLoss(row.lossGrouped)) +
        num(formatLoss(row.relativeLoss)) +
        num(formatMetric(row.metricAlone)) +
        num(formatMetric(row.metricGrouped)) +
        `</tr>`,
    )
    .join('');
  return (
    `<section id="per-seed"><h2>Per seed</h2><details><summary>Each seed's losses and metrics ` +
    `of the chosen networks (${rows.length} rows)</summary>` +
    `<table><thead><tr><th>Task</th><th class="num">Network</th><th class="num">Seed</th>` +
    `<th class="num">Loss alone</th><th class="num">Loss in group</th><th class="num">Ratio</th>` +
    `<th class="num">Metric alone</th><th class="num">Metric in group</th></tr></thead>` +
    `<tbody>${body}</tbody></table></details></section>`
  );
}

export function reproduceSection(model: ReportModel): string {
  const reproduce = model.reproduce;
  if (!reproduce) return '';
  const config = reproduce.config
    ? `<p>It names a config file for the settings that have no flag; save this as ` +
      `<code>study.json</code> beside it:</p>` +
      `<pre class="command"><code>${esc(JSON.stringify(reproduce.config, null, 2))}</code></pre>`
    : '';
  return (
    `<section id="reproduce"><h2>Reproduce</h2>` +
    `<p>This command asks the same question with taskgroup ${esc(model.facts.toolVersion)}: run ` +
    `where this search's database is, it is this search; elsewhere it trains the same runs ` +
    `(the data file must hold the same bytes).</p>` +
    `<pre class="command"><code>${esc(reproduce.command)}</code></pre>${config}</section>`
  );
}
