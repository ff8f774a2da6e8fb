import { AUXILIARY_RULE, auxiliaryRows, formatGain } from './auxiliaries.js';
import { escapeHtml as esc } from './escape.js';
import { formatStderrPoints } from './format.js';
import { figure, num, sourceCell, taskSpan } from './htmlParts.js';
import type { ReportModel } from './model.js';

/** The HTML section on auxiliary tasks (a search with `--aux`); empty otherwise. */
export function auxiliaryHtml(model: ReportModel): string {
  if (!model.auxiliaries) return '';
  const chosen = model.grouping
    .map((main, g) => {
      const aux = model.auxiliaries![g];
      return (
        `<li>network ${g + 1} (${main.map(taskSpan).join(', ')}): ` +
        `${aux.length > 0 ? aux.map(taskSpan).join(', ') : 'no auxiliary'}</li>`
      );
    })
    .join('');
  const rows = auxiliaryRows(model)
    .map((row) => {
      const tone = row.gain > 0 ? 'help' : row.gain < 0 ? 'harm' : 'muted';
      const gain = `<span class="${tone}">${esc(formatGain(row.gain))}</span>`;
      return (
        `<tr>${num(String(row.network + 1))}<td>${taskSpan(row.task)}</td><td>${esc(row.role)}</td>` +
        `${num(figure(gain, row.measured))}${num(esc(formatStderrPoints(row.stderr, 2)))}` +
        `${sourceCell(row.measured)}</tr>`
      );
    })
    .join('');
  return (
    `<section id="auxiliaries"><h2>Auxiliary tasks</h2>` +
    `<p>Auxiliary tasks train alongside the main ones and are never scored; each network takes the ones that help it.</p>` +
    `<ul>${chosen}</ul><p class="muted">${esc(AUXILIARY_RULE)}</p>` +
    `<table><thead><tr><th class="num">Network</th><th>Auxiliary</th><th>Role</th>` +
    `<th class="num">Gain</th><th class="num">± s.e.</th><th>Source</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></section>`
  );
}
