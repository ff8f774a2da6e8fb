import type { PerTaskRow, ReportModel } from '../report/model.js';
import type { Partition } from '../search/index.js';
import { pairRatios, relativeLossInGroup, type GroupErrorModel } from '../transfer/index.js';
import type { VerificationPath } from './activeVerification.js';
import type { SearchEvidence } from './evidence.js';
import { taskFigure } from './groupingFigures.js';

/** A report's rows of figures per task and per verified group, read off the evidence. */

/**
 * Each scored task's loss alone and in its group of the chosen grouping, in task order (an
 * auxiliary task's loss is not scored: `scored` leaves it out).
 */
export function perTaskRows(
  evidence: SearchEvidence,
  model: GroupErrorModel,
  lossAlone: number[],
  chosen: Partition,
  weights: number[],
  tasks: string[],
  scored: (task: number) => boolean = () => true,
): PerTaskRow[] {
  const perTask: PerTaskRow[] = [];
  chosen.groups.forEach((group, g) => {
    for (const t of group.filter(scored)) {
      const relative = taskFigure(evidence, model, t, group);
      perTask.push({
        task: tasks[t],
        group: g,
        lossAlone: lossAlone[t],
        lossGrouped: lossAlone[t] * relative.mean,
        relativeLoss: relative.mean,
        stderr: relative.stderr,
        weight: weights[t],
        measured: relative.measured,
      });
    }
  });
  return perTask.sort((a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task));
}

/** Each measured group of 3+ tasks on the path: its pair-based estimate next to its measured loss. */
export function verification(
  evidence: SearchEvidence,
  path: VerificationPath,
  weights: number[],
  tasks: string[],
): NonNullable<ReportModel['verification']> {
  const ratios = pairRatios(evidence.losses);
  const weighted = (members: number[], value: (t: number, k: number) => number) =>
    members.reduce((sum, t, k) => sum + weights[t] * value(t, k), 0) /
    members.reduce((sum, t) => sum + weights[t], 0);
  return path.verified.flatMap((key) => {
    const values = path.problem.measured?.get(key);
    const group = evidence.groups.get(key);
    if (!values || !group) return [];
    return [
      {
        group: group.tasks.map((t) => tasks[t]),
        estimated: weighted(group.tasks, (t) => relativeLossInGroup(ratios, t, group.tasks).mean),
        measured: weighted(group.tasks, (_, k) => values[k]),
      },
    ];
  });
}
