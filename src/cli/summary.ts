import {
  allTogetherLabel,
  certificateSentence,
  chosenObjectiveLabel,
  objectiveLabel,
} from '../report/certificate.js';
import { AUXILIARY_RULE, auxiliaryRows, formatGain } from '../report/auxiliaries.js';
import { shownText as shown } from '../report/escape.js';
import { architectureFact, embedFact, gateSentence } from '../report/gate.js';
import { fixed } from '../report/format.js';
import type { ReportModel } from '../report/model.js';

/** Left-aligned columns for a small text table. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * The human summary of a finished search, printed by `search` and `resume`. Task names come from
 * the user's CSV header and pass through shownText, so none can act on the terminal.
 */
export function searchSummary(model: ReportModel): string {
  const budget =
    model.budget === null
      ? 'no limit on networks'
      : `at most ${model.budget} network${model.budget === 1 ? '' : 's'}`;
  const lines = [
    `search ${model.searchId}: ${model.tasks.length} tasks, ${model.runs.total} runs ` +
      `(${model.runs.trained} trained, ${model.runs.cached} cached, ${model.runs.failed} failed), ` +
      `${fixed(model.elapsedSec, 1)} s, backend ${shown(model.facts.backend)}` +
      networkFacts(model),
    '',
    `Best grouping, ${budget}: objective ${chosenObjectiveLabel(model)} ` +
      `(1 = every task alone; all together ${allTogetherLabel(model)}; lower is better)`,
    ...model.grouping.map((group, g) => `  network ${g + 1}: ${networkText(model, g)}`),
    ...optional(gateSentence(model)),
    '',
    textTable(
      ['task', 'network', 'loss alone', 'loss grouped', 'relative', '± stderr', 'grouped loss'],
      model.perTask.map((row) => [
        shown(row.task),
        String(row.group + 1),
        fixed(row.lossAlone, 4),
        fixed(row.lossGrouped, 4),
        fixed(row.relativeLoss, 3),
        fixed(row.stderr, 3),
        row.measured === false ? 'estimated' : 'measured',
      ]),
    ),
    '',
    certificateSentence(model),
    ...model.noise.advice.map((line) => `Note: ${line}`),
    '',
    'Best objective by number of networks (* estimated): ' +
      model.baselines.byBudget
        .map(
          (option) =>
            `${option.budget}: ${fixed(option.objective, 4)}${option.measured === false ? '*' : ''}`,
        )
        .join(', '),
  ];
  lines.push(...auxiliaryLines(model));
  lines.push(...truthLines(model), ...verificationLines(model), ...failureLines(model));
  lines.push('', `Full report: taskgroup report ${model.searchId} --format md`);
  return lines.join('\n') + '\n';
}

/** A network's main tasks, and its auxiliaries in a search with `--aux`. */
function networkText(model: ReportModel, g: number): string {
  const main = model.grouping[g].map(shown).join(', ');
  const aux = model.auxiliaries?.[g];
  if (!aux) return main;
  return `${main} + auxiliary ${aux.length > 0 ? aux.map(shown).join(', ') : 'none'}`;
}

/** Each auxiliary's gain per network, in a search with `--aux`. */
function auxiliaryLines(model: ReportModel): string[] {
  const rows = auxiliaryRows(model);
  if (!model.auxiliaries || rows.length === 0) return [];
  return [
    '',
    AUXILIARY_RULE,
    textTable(
      ['network', 'auxiliary', 'role', 'gain', '± stderr', 'source'],
      rows.map((row) => [
        String(row.network + 1),
        shown(row.task),
        row.role,
        formatGain(row.gain),
        fixed(100 * row.stderr, 2),
        row.measured ? 'measured' : 'estimated',
      ]),
    ),
  ];
}

const optional = (line: string | undefined): string[] => (line === undefined ? [] : [line]);

/** ", networks mmoe (4 experts), embedded userId (dim 16, 65,536 rows)", as far as known. */
function networkFacts(model: ReportModel): string {
  const architecture = architectureFact(model);
  const embed = embedFact(model);
  return (
    (architecture === undefined ? '' : `, networks ${architecture}`) +
    (embed === undefined ? '' : `, embedded ${shown(embed)}`)
  );
}

/** The comparison with the exhaustive truth, when the search has one. */
function truthLines(model: ReportModel): string[] {
  const lines: string[] = [];
  if (model.truth) {
    const t = model.truth;
    const noise = t.regretStderr ? ` ± ${fixed(100 * t.regretStderr, 2)} (seed noise, paired)` : '';
    lines.push(
      '',
      `Against the exhaustive truth (search ${t.searchId}): best ${objectiveLabel(t.optimum.objective, undefined, true)}; ` +
        `this grouping's regret ${fixed(100 * t.regret, 2)} %${noise}, rank ${t.rank} of ${t.of}.`,
    );
  }
  return lines;
}

/** The groups of 3+ tasks trained, and the groupings verification chose to measure. */
function verificationLines(model: ReportModel): string[] {
  const lines: string[] = [];
  if (model.verification && model.verification.length > 0) {
    lines.push('', 'Groups of 3+ tasks trained (relative loss, pair-based estimate → measured):');
    for (const v of model.verification)
      lines.push(
        `  ${v.group.map(shown).join(', ')}: ${fixed(v.estimated, 4)} → ${fixed(v.measured, 4)}`,
      );
  }
  const candidates = model.certificate.candidates ?? [];
  if (candidates.length > 0) {
    lines.push(
      '',
      'Groupings verification chose to measure (optimistic estimate when chosen → objective):',
    );
    for (const c of candidates) {
      lines.push(
        `  round ${c.round}, budget ${c.budget}: ${c.grouping.map((g, k) => `{${g.map(shown).join(', ')}${c.auxiliaries?.[k].length ? ` + ${c.auxiliaries[k].map(shown).join(', ')}` : ''}}`).join(' ')}: ` +
          `${fixed(c.optimistic, 4)} → ${fixed(c.objective, 4)}${c.measured ? '' : ' (estimated: the run cap came first)'}`,
      );
    }
  }
  return lines;
}

/** Runs that failed after every retry. */
function failureLines(model: ReportModel): string[] {
  const lines: string[] = [];
  if (model.failures && model.failures.length > 0) {
    lines.push(
      '',
      `${model.failures.length} run(s) failed after every retry; a pair with no run counts as no transfer (T = 0):`,
    );
    for (const failure of model.failures)
      lines.push(
        `  {${failure.tasks.map(shown).join(', ')}} seed ${failure.seed}: ${shown(failure.error)}`,
      );
  }
  return lines;
}
