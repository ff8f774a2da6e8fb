import { certificateSentence } from './certificate.js';
import { escapeHtml as esc } from './escape.js';
import { formatObjective, formatObjectiveChange, formatObjectiveStderr } from './format.js';
import {
  OBJECTIVE_HEADERS,
  adviceHtml,
  figure,
  groupingHtml,
  num,
  objectiveCells,
} from './htmlParts.js';
import { GATE_RULE, gateRows, gateSentence } from './gate.js';
import type { ReportModel } from './model.js';
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
 * The HTML sections on what the answer rests on: the certificate and seed noise (inside the
 * decision), the groups of 3+ trained, and the exhaustive truth when one is known.
 */

/** The certificate, the seed-by-seed comparisons and the advice, for the decision section. */
export function restsOnHtml(model: ReportModel): string {
  const parts = [
    `<p class="certificate"><strong>What it rests on.</strong> ${esc(certificateSentence(model))}</p>`,
  ];
  const comparisons = noiseComparisons(model);
  if (comparisons.length > 0) {
    parts.push(
      `<h3>Seed noise</h3><p>${esc(COMPARISON_RULE)}</p>` +
        `<table class="comparisons"><thead><tr><th>Compared with</th><th class="num">Networks</th>${OBJECTIVE_HEADERS}` +
        `<th class="num">Worse by</th><th class="num">± s.e. (paired)</th><th>Grouping</th></tr></thead><tbody>` +
        comparisons
          .map(
            ({ label, comparison: c }) =>
              `<tr><td>${esc(label)}</td>${num(String(c.networks))}${objectiveCells(c)}` +
              num(esc(formatObjectiveChange(c.difference))) +
              num(esc(formatObjectiveStderr(c.differenceStderr))) +
              `<td>${groupingHtml(c.grouping)}</td></tr>`,
          )
          .join('') +
        `</tbody></table>`,
    );
  }
  if (model.noise.advice.length > 0) {
    parts.push(
      `<h3>Advice</h3><ul class="advice">${model.noise.advice.map((line) => `<li>${adviceHtml(line, model)}</li>`).join('')}</ul>`,
    );
  }
  return parts.join('');
}

export function verificationSection(model: ReportModel): string {
  const rows = verificationRows(model);
  const body =
    rows.length === 0
      ? '<p>No group of three or more tasks was trained.</p>'
      : `<p>${esc(verificationIntro(model))}</p>` +
        `<table><thead><tr><th>Group</th><th class="num">Tasks</th><th class="num">Pair estimate</th>` +
        `<th class="num">Measured</th><th class="num">Measured − estimate</th></tr></thead><tbody>` +
        rows
          .map(
            (row) =>
              `<tr><td>${groupingHtml([row.group])}</td>${num(String(row.group.length))}` +
              num(`<span class="est">${formatObjective(row.estimated)}</span>`) +
              num(formatObjective(row.measured)) +
              num(esc(formatObjectiveChange(row.difference))) +
              `</tr>`,
          )
          .join('') +
        `</tbody></table>`;
  return `<section id="verification"><h2>Groups trained</h2>${body}</section>`;
}

export function truthSection(model: ReportModel): string {
  const truth = model.truth;
  if (!truth) return '';
  const rows = truthRows(model, truth)
    .map(
      (row) =>
        `<tr${row.atBudget ? ' class="chosen"' : ''}>${num(String(row.best.budget))}` +
        num(formatObjective(row.best.objective)) +
        num(row.ours && row.oursLabel ? figure(esc(row.oursLabel), row.ours.measured) : '—') +
        `<td>${row.sameGrouping}</td><td>${groupingHtml(row.best.grouping)}</td></tr>`,
    )
    .join('');
  return (
    `<section id="truth"><h2>Against the exhaustive truth</h2>` +
    `<p>Search <code>${esc(truth.searchId)}</code> ${esc(TRUTH_RULE)} ${esc(truthSentence(truth))}</p>` +
    `<p>The best grouping within the budget: ${groupingHtml(truth.optimum.grouping)}.</p>` +
    `<table><thead><tr><th class="num">Budget</th><th class="num">True best (measured)</th>` +
    `<th class="num">This search's best</th><th>Same grouping</th><th>True best grouping</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></section>`
  );
}

/** Group or gate: the chosen grouping beside one MMoE over every task, when it was trained. */
export function gateSection(model: ReportModel): string {
  const sentence = gateSentence(model);
  if (sentence === undefined) return '';
  const rows = gateRows(model)
    .map(
      (row) =>
        `<tr><td>${esc(row.label)}</td>${num(String(row.networks))}${objectiveCells(row.option)}</tr>`,
    )
    .join('');
  return (
    `<section id="group-or-gate"><h2>Group or gate</h2><p>${esc(GATE_RULE)}</p>` +
    `<p><strong>${esc(sentence)}</strong></p>` +
    (rows === ''
      ? ''
      : `<table><thead><tr><th>Serve</th><th class="num">Networks</th>${OBJECTIVE_HEADERS}</tr></thead>` +
        `<tbody>${rows}</tbody></table>`) +
    `</section>`
  );
}
