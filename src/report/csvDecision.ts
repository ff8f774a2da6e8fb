import { certificateSentence } from './certificate.js';
import { gateSentence } from './gate.js';
import { measuredCell, yesNo } from './csvCells.js';
import type { Comparison, ReportModel } from './model.js';

/** A cell: text, a number written at full precision, or empty. */
type Cell = string | number | null;

/**
 * decision.csv: what the other CSV files cannot say in a table of their own, as `field,value`
 * rows: the chosen grouping and its objective (measured or estimated, with its standard error),
 * the baselines (the MMoE baseline's as `mmoe.*`), the certificate, the seed-by-seed comparisons, the advice (one `advice` row per
 * sentence) and, when known, the exhaustive truth's summary. Field names follow the JSON report
 * (`certificate.status`, `truth.regret`); a grouping is JSON, as everywhere in the CSV report.
 */
export function decisionRows(model: ReportModel): Cell[][] {
  const c = model.certificate;
  const { baselines: b } = model;
  return [
    ['field', 'value'],
    ['searchId', model.searchId],
    ['status', model.status],
    ['budget', model.budget],
    ['networks', model.grouping.length],
    ['grouping', JSON.stringify(model.grouping)],
    ...(model.auxiliaries ? [['auxiliaries', JSON.stringify(model.auxiliaries)]] : []),
    ['objective', model.objective],
    ['objectiveKind', model.objectiveKind],
    ['objectiveStderr', model.objectiveStderr],
    ['optimal', yesNo(model.optimal === true)],
    ['gap', model.gap ?? null],
    ['allSeparate', b.allSeparate],
    ['allTogether', b.allTogether],
    ['allTogetherMeasured', yesNo(b.allTogetherMeasured)],
    ['allTogetherStderr', b.allTogetherStderr],
    ...mmoeRows(model),
    ['certificate', certificateSentence(model)],
    ['certificate.basis', c.basis],
    ['certificate.status', c.status],
    ['certificate.optimisticBest', c.optimisticBest],
    ['certificate.margin', c.margin],
    ['certificate.kappa', c.kappa],
    ['certificate.sigma', c.sigma],
    ['certificate.groupsMeasured', c.groupsMeasured],
    ['certificate.rounds', c.rounds],
    ['certificate.groupCap', c.groupCap],
    ...comparisonRows('noise.runnerUp', model.noise.runnerUp),
    ...comparisonRows('noise.fewerNetworks', model.noise.fewerNetworks),
    ...model.noise.advice.map((line): Cell[] => ['advice', line]),
    ...truthSummary(model),
  ];
}

/** The MMoE baseline (`baselines.mmoe` of the JSON report) and its sentence, when trained. */
function mmoeRows(model: ReportModel): Cell[][] {
  const m = model.baselines.mmoe;
  if (!m) return [];
  return [
    ['mmoe.objective', m.objective],
    ['mmoe.stderr', m.stderr],
    ['mmoe.measured', yesNo(m.measured)],
    ['mmoe.experts', m.experts],
    ['mmoe.difference', m.difference],
    ['mmoe.differenceStderr', m.differenceStderr],
    ['mmoe.paired', yesNo(m.paired)],
    ['mmoe.better', yesNo(m.better)],
    ['mmoe', gateSentence(model) ?? null],
  ];
}

function comparisonRows(name: string, comparison: Comparison | null): Cell[][] {
  if (!comparison) return [];
  return [
    [`${name}.grouping`, JSON.stringify(comparison.grouping)],
    [`${name}.objective`, comparison.objective],
    [`${name}.measured`, measuredCell(comparison.measured)],
    [`${name}.difference`, comparison.difference],
    [`${name}.differenceStderr`, comparison.differenceStderr],
  ];
}

function truthSummary(model: ReportModel): Cell[][] {
  const t = model.truth;
  if (!t) return [];
  return [
    ['truth.searchId', t.searchId],
    ['truth.optimum.grouping', JSON.stringify(t.optimum.grouping)],
    ['truth.optimum.objective', t.optimum.objective],
    ['truth.optimum.measured', measuredCell(t.optimum.measured)],
    ['truth.regret', t.regret],
    ['truth.regretStderr', t.regretStderr ?? null],
    ['truth.rank', t.rank],
    ['truth.of', t.of],
  ];
}
