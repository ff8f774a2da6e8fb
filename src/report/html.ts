import { budgetChartSvg } from './budgetChart.js';
import { allTogetherLabel } from './certificate.js';
import { budgetSteps, oneMoreNetworkSentence } from './budgetSteps.js';
import { escapeHtml as esc } from './escape.js';
import {
  formatObjective,
  formatObjectiveChange,
  formatObjectiveStderr,
  meanChangeSentence,
  plural,
} from './format.js';
import { heatmapLegendSvg, transferHeatmapSvg } from './heatmap.js';
import { auxiliaryHtml } from './htmlAuxiliaries.js';
import { estimatesSection, perSeedSection, reproduceSection } from './htmlDetail.js';
import { gateSection, restsOnHtml, truthSection, verificationSection } from './htmlEvidence.js';
import { factsSection } from './htmlFacts.js';
import { perTask } from './htmlPerTask.js';
import {
  OBJECTIVE_HEADERS,
  changeHtml,
  figure,
  groupingHtml,
  num,
  objectiveCells,
  taskSpan,
} from './htmlParts.js';
import { HTML_STYLE } from './htmlStyle.js';
import type { ReportModel } from './model.js';
import { networkSummaries } from './networks.js';
import { PALETTE_NAME } from './palette.js';
import type { ReportFormat } from './reportFormat.js';
import { SIGNIFICANCE_RULE } from './significance.js';
import { SOURCE_RULE, networkSource, optimalNote, sourceOf } from './sources.js';
import { statusNotice } from './status.js';

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, nothing
 * fetched (a Content-Security-Policy forbids it as a second line of defence). Every string from
 * the model passes through escapeHtml. Sections: status notice, decision (with what it rests on
 * and seed noise), per task (with each task's metric), transfer heatmap, what one more network
 * buys, alternatives, groups trained, estimates against measured losses, per seed, the
 * exhaustive truth when known, search facts, the command that reproduces it. Estimated figures
 * are in italics and say "estimated" in words.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function header(model: ReportModel): string {
  const notice = statusNotice(model);
  const finished = model.facts.finishedAt ?? 'not finished';
  return (
    `<header><h1>Task grouping report</h1>` +
    `<p class="sub">Search <code>${esc(model.searchId)}</code> · ${plural(model.tasks.length, 'task')} · ` +
    `data <code>${esc(model.facts.dataFile)}</code> · ${esc(finished)}</p>` +
    (notice
      ? `<p class="notice" role="status"><strong>${model.status === 'done' ? 'Note' : 'Provisional'}.</strong> ` +
        `${esc(notice)}</p>`
      : '') +
    `</header>`
  );
}

function kpi(label: string, value: string, note: string, main = false): string {
  return (
    `<div class="kpi${main ? ' main' : ''}"><span class="label">${label}</span>` +
    `<span class="value">${value}</span><span class="note">${note}</span></div>`
  );
}

/** The MMoE baseline's card, beside all together, when it was measured. */
function mmoeKpi(model: ReportModel): string {
  const m = model.baselines.mmoe;
  if (!m || m.objective === null) return '';
  const note = `1 MMoE, ${m.experts} experts · ${esc(formatObjectiveStderr(m.stderr))} · measured`;
  return kpi('One MMoE', formatObjective(m.objective), note);
}

function decision(model: ReportModel): string {
  const cards = networkSummaries(model)
    .map((net) => {
      const source = networkSource(net);
      return (
        `<div class="network"><h3><span>Network ${net.index + 1}</span>` +
        `<span class="change">${figure(changeHtml(net.relativeLoss), source === 'measured')}</span></h3>` +
        `<p class="source">${source}</p><ul>` +
        net.rows
          .map(
            (row) =>
              `<li>${taskSpan(row.task)}<span>${figure(changeHtml(row.relativeLoss), row.measured)}</span></li>`,
          )
          .join('') +
        `</ul></div>`
      );
    })
    .join('');
  const budget = model.budget === null ? 'no limit' : `at most ${model.budget}`;
  const next = oneMoreNetworkSentence(model, formatObjective);
  const measured = model.objectiveKind === 'measured';
  const lead =
    `<p class="lead">Train <strong>${plural(model.grouping.length, 'network')}</strong>: ` +
    `${groupingHtml(model.grouping)}. ${esc(meanChangeSentence(model.objective, model.objectiveKind))}` +
    `${next ? ` ${esc(next)}` : ''}</p>`;
  const optimal = optimalNote(model);
  const { allTogether, allTogetherMeasured, allTogetherStderr } = model.baselines;
  return (
    `<section id="decision"><h2>Decision</h2>${lead}` +
    `<div class="headline">` +
    kpi('Networks', String(model.grouping.length), esc(`budget: ${budget}`), true) +
    kpi(
      'Objective',
      figure(formatObjective(model.objective), measured),
      `${esc(formatObjectiveStderr(model.objectiveStderr))} · ${model.objectiveKind}${optimal ? ` · ${esc(optimal)}` : ''}`,
      true,
    ) +
    kpi(
      'All separate',
      formatObjective(model.baselines.allSeparate),
      `${plural(model.tasks.length, 'network')}, by definition`,
    ) +
    kpi(
      'All together',
      figure(formatObjective(allTogether), allTogetherMeasured),
      `1 network · ${esc(formatObjectiveStderr(allTogetherStderr))} · ${sourceOf(allTogetherMeasured)}`,
    ) +
    mmoeKpi(model) +
    `</div>` +
    `<p>The objective is the weighted mean of each task's loss relative to training it alone: ` +
    `1 = all separate, lower is better. Each card shows a network, its mean change in loss and ` +
    `each task's change (<span class="help">purple: the loss falls</span>, ` +
    `<span class="harm">orange: it rises</span>).</p>` +
    `<p class="legend">${esc(SOURCE_RULE)} Estimated figures are set in <span class="est">italics</span>.</p>` +
    `<div class="networks">${cards}</div>${restsOnHtml(model)}</section>`
  );
}

function transfer(model: ReportModel): string {
  return (
    `<section id="transfer"><h2>Transfer between tasks</h2>` +
    `<p>Each cell is T(j→i) = 1 − L<sub>i</sub>({i,j}) ÷ L<sub>i</sub>({i}) in percent: how much ` +
    `the loss of the row's task i falls when it trains together with the column's task j. ` +
    `Tasks are ordered by network (numbers on the left); outlined squares are each network's ` +
    `own pairs. Colours: ${esc(PALETTE_NAME)}, safe for colour-blind readers. Significant ` +
    `(dot, bold): ${esc(SIGNIFICANCE_RULE)}. Hover a cell for its exact value.</p>` +
    `<figure>${transferHeatmapSvg(model)}<figcaption>${heatmapLegendSvg(model)}</figcaption></figure>` +
    `</section>`
  );
}

function budgets(model: ReportModel): string {
  const rows = budgetSteps(model)
    .map(
      (step) =>
        `<tr${step.chosen ? ' class="chosen"' : ''}>${num(String(step.budget))}` +
        objectiveCells(step) +
        num(step.gain === null ? '' : esc(formatObjectiveChange(step.gain))) +
        `<td>${groupingHtml(step.grouping)}${step.chosen ? ' <span class="muted">chosen</span>' : ''}</td></tr>`,
    )
    .join('');
  return (
    `<section id="budgets"><h2>What one more network buys</h2>` +
    `<p>The best grouping within each budget of networks. Gain: how much lower its objective is ` +
    `than with a budget of one network fewer. Where the curve flattens, another network buys ` +
    `little. Baselines: all tasks separate ${esc(formatObjective(model.baselines.allSeparate))} ` +
    `(${plural(model.tasks.length, 'network')}, by definition), all together ${esc(allTogetherLabel(model))} (1 network).</p>` +
    `<div class="figure-row"><figure>${budgetChartSvg(model)}</figure>` +
    `<table><thead><tr><th class="num">Budget</th>${OBJECTIVE_HEADERS}` +
    `<th class="num">Gain</th><th>Best grouping</th></tr></thead><tbody>${rows}</tbody></table>` +
    `</div></section>`
  );
}

function alternatives(model: ReportModel): string {
  const body =
    model.alternatives.length === 0
      ? '<p>None within the budget.</p>'
      : `<table><thead><tr><th class="num">Rank</th><th class="num">Networks</th>` +
        `${OBJECTIVE_HEADERS}<th class="num">vs chosen</th><th>Grouping</th></tr></thead><tbody>` +
        model.alternatives
          .map(
            (option, i) =>
              `<tr>${num(String(i + 1))}${num(String(option.grouping.length))}` +
              objectiveCells(option) +
              num(formatObjectiveChange(option.objective - model.objective)) +
              `<td>${groupingHtml(option.grouping)}</td></tr>`,
          )
          .join('') +
        `</tbody></table>`;
  return (
    `<section id="alternatives"><h2>Alternatives</h2>` +
    `<p>The next-best groupings within the budget, best first.</p>${body}</section>`
  );
}

/** The whole report as one HTML document. */
export function renderHtml(model: ReportModel): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Task grouping report: ${esc(model.searchId)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<main>
${header(model)}
${decision(model)}
${auxiliaryHtml(model)}
${perTask(model)}
${transfer(model)}
${budgets(model)}
${gateSection(model)}
${alternatives(model)}
${verificationSection(model)}
${estimatesSection(model)}
${perSeedSection(model)}
${truthSection(model)}
${factsSection(model)}
${reproduceSection(model)}
<footer>taskgroup ${esc(model.facts.toolVersion)} · search <code>${esc(model.searchId)}</code></footer>
</main>
</body>
</html>
`;
}

export const htmlFormat: ReportFormat = {
  name: 'html',
  description:
    'one self-contained HTML page: the decision and what it rests on, transfer heatmap, budget chart, groups trained, exhaustive truth',
  render: (model) => [{ name: 'report.html', content: renderHtml(model) }],
};
