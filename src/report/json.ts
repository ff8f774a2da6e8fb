import type { ReportModel } from './model.js';
import type { ReportFormat } from './reportFormat.js';

/**
 * Field names of the report model in the order a reader expects them (the order of
 * model.ts and of the `search --json` contract). One flat list serves every nesting level because the names do
 * not clash in meaning: `tasks` leads both the model and the transfer matrix, `budget` leads a
 * budget option, `searchId` the exhaustive truth, `basis` then `status` the certificate; an
 * objective is followed by its standard error and whether it is measured, in the model
 * (`objectiveKind`, `objectiveStderr`), a grouping option, a per-task row and a group trained
 * (`estimated`, then `measured`). Keys not listed (proxy settings, fields added later) follow,
 * sorted.
 */
const KEY_ORDER: readonly string[] = [
  'searchId',
  'basis',
  'status',
  'task',
  'tasks',
  'taskTypes',
  'weights',
  'budget',
  'group',
  'grouping',
  'auxiliaries',
  'auxiliaryEffects',
  'objective',
  'objectiveKind',
  'objectiveStderr',
  'optimal',
  'gap',
  'certificate',
  'optimisticBest',
  'margin',
  'kappa',
  'sigma',
  'groupsMeasured',
  'rounds',
  'groupCap',
  'noise',
  'runnerUp',
  'fewerNetworks',
  'advice',
  'truth',
  'lossAlone',
  'lossGrouped',
  'relativeLoss',
  'matrix',
  'estimated',
  'stderr',
  'weight',
  'measured',
  'networks',
  'experts',
  'difference',
  'differenceStderr',
  'paired',
  'better',
  'perTask',
  'baselines',
  'allSeparate',
  'allTogether',
  'allTogetherStderr',
  'allTogetherMeasured',
  'mmoe',
  'optimum',
  'regret',
  'regretStderr',
  'rank',
  'of',
  'byBudget',
  'transfer',
  'alternatives',
  'runs',
  'total',
  'trained',
  'cached',
  'failed',
  'verification',
  'failures',
  'facts',
  'dataFile',
  'fingerprint',
  'trainRows',
  'valRows',
  'seeds',
  'seed',
  'proxy',
  'backend',
  'toolVersion',
  'createdAt',
  'finishedAt',
  'elapsedSec',
];
const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? KEY_ORDER.length;
  const rb = RANK.get(b) ?? KEY_ORDER.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `value` whose objects list their keys in the report's stable order. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(compareKeys)) result[key] = ordered(source[key]);
  return result;
}

/**
 * The model as one pretty JSON document (two-space indent, trailing newline) with a key order
 * that does not depend on how the model was built. Non-finite numbers become null, as
 * JSON.stringify does.
 */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(ordered(model), null, 2)}\n`;
}

export const jsonFormat: ReportFormat = {
  name: 'json',
  description: 'the report model as one JSON document (the search --json contract plus extras)',
  render: (model) => [{ name: 'report.json', content: renderJson(model) }],
};
