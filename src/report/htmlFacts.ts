import { escapeHtml as esc } from './escape.js';
import { formatCount, formatDuration, formatSetting } from './format.js';
import { architectureFact, embedFact } from './gate.js';
import type { ReportModel } from './model.js';
import { verificationFact } from './sources.js';

const optionalFact = (term: string, text: string | undefined): [string, string][] =>
  text === undefined ? [] : [[term, esc(text)]];

/** The HTML section of the search's facts: data, rows, seeds, settings, networks, runs, time. */
export function factsSection(model: ReportModel): string {
  const { facts: f, runs } = model;
  const proxy = Object.entries(f.proxy)
    .map(([key, value]) => `<code>${esc(key)}=${esc(formatSetting(value))}</code>`)
    .join(' ');
  const items: [string, string][] = [
    ['Status', esc(model.status)],
    ['Data file', `<code>${esc(f.dataFile)}</code>`],
    ['Fingerprint', `<code>${esc(f.fingerprint)}</code>`],
    ['Rows', `${formatCount(f.trainRows)} training, ${formatCount(f.valRows)} validation`],
    ['Seeds', `${esc(String(f.seeds))} (base seed ${esc(String(f.seed))})`],
    ['Proxy settings', proxy],
    ...optionalFact('Networks', architectureFact(model)),
    ...optionalFact('Embedded columns', embedFact(model)),
    [
      'Runs',
      `${runs.total} planned: ${runs.trained} trained, ${runs.cached} cached, ${runs.failed} failed`,
    ],
    ['Verification', esc(verificationFact(model))],
    ['Time', esc(formatDuration(model.elapsedSec))],
    ['Backend', esc(f.backend)],
    ['Tool version', `taskgroup ${esc(f.toolVersion)}`],
    ['Started', esc(f.createdAt)],
    ['Finished', f.finishedAt === null ? 'not yet' : esc(f.finishedAt)],
  ];
  return (
    `<section id="facts"><h2>Search facts</h2><dl class="facts">` +
    items.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('') +
    `</dl></section>`
  );
}
