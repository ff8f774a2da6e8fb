import type { AuxiliaryEffect, NetworkAuxiliaries } from '../report/model.js';
import type { Partition, TaskRoles } from '../search/index.js';
import type { GroupErrorModel } from '../transfer/index.js';
import type { SearchEvidence } from './evidence.js';
import { pairedDifference, taskFigure } from './groupingFigures.js';

/**
 * What each auxiliary task does for each network of a chosen grouping: every chosen auxiliary
 * against the network without it, every other auxiliary added to it. The figure is the network's
 * main tasks' weighted mean relative loss, so gains of different networks read alike. Verification
 * trains the networks that measure the chosen auxiliaries (auxiliaryNeighbours.ts); an addition is
 * measured only when verification trained it, else estimated (pair estimate with the error
 * model's correction, σ as its uncertainty).
 */
export function auxiliaryEffects(
  evidence: SearchEvidence,
  model: GroupErrorModel,
  chosen: Partition,
  weights: number[],
  roles: TaskRoles,
  tasks: string[],
): NetworkAuxiliaries[] {
  return chosen.groups.map((network, index) => {
    const main = network.filter((t) => roles.main.includes(t));
    // The network's own main tasks weigh (alike when their weights are all 0); no other task.
    const alike = main.every((t) => weights[t] === 0);
    const own = weights.map((w, t) => (main.includes(t) ? (alike ? 1 : w) : 0));
    const effect = (task: number, without: number[], withIt: number[]): AuxiliaryEffect => ({
      task: tasks[task],
      ...difference(evidence, model, own, [without, withIt]),
    });
    const inNetwork = roles.aux.filter((a) => network.includes(a));
    const others = roles.aux.filter((a) => !network.includes(a));
    const additions = others
      .map((a) =>
        effect(
          a,
          network,
          [...network, a].sort((x, y) => x - y),
        ),
      )
      .sort((x, y) => y.gain - x.gain || x.task.localeCompare(y.task));
    return {
      network: index,
      chosen: inNetwork.map((a) =>
        effect(
          a,
          network.filter((t) => t !== a),
          network,
        ),
      ),
      oneMore: additions[0] ?? null,
      hurting: additions.filter((e) => e.gain < 0).reverse(),
    };
  });
}

/**
 * loss(without) − loss(withIt) for the weighted tasks: paired over seeds when both networks were
 * measured, else from each network's figure (measured or estimated).
 */
function difference(
  evidence: SearchEvidence,
  model: GroupErrorModel,
  weights: number[],
  [without, withIt]: number[][],
): Omit<AuxiliaryEffect, 'task'> {
  const paired = pairedDifference(evidence, [withIt], [without], weights);
  if (paired) return { gain: paired.difference, stderr: paired.stderr, measured: true };
  const figure = (network: number[]) => {
    const scored = network.filter((t) => weights[t] > 0);
    const total = scored.reduce((sum, t) => sum + weights[t], 0);
    const figures = scored.map((t) => taskFigure(evidence, model, t, network));
    return {
      mean: figures.reduce((sum, f, k) => sum + weights[scored[k]] * f.mean, 0) / total,
      measured: figures.every((f) => f.measured),
    };
  };
  const [a, b] = [figure(without), figure(withIt)];
  const unmeasured = Number(!a.measured) + Number(!b.measured);
  return { gain: a.mean - b.mean, stderr: model.sigma * Math.sqrt(unmeasured), measured: false };
}
