import type { Comparison, NoiseReport } from '../report/model.js';
import type { Partition } from '../search/index.js';
import type { SearchEvidence } from './evidence.js';
import { objectiveStderr, pairedDifference } from './groupingFigures.js';
import type { NetworkLabels } from './networkLabels.js';

/**
 * How sure the answer is against seed noise. Seeds are paired (seed s of every subset sees the
 * same rows in the same order), so the difference between two measured groupings is taken seed
 * by seed and its standard error is that of the per-seed differences. A difference below one
 * standard error is no difference: the report says so, names the grouping with fewer networks
 * that is as good, and says when more seeds would settle it.
 */
export interface NoiseInput {
  evidence: SearchEvidence;
  weights: number[];
  chosen: Partition;
  objectiveStderr: number;
  /** The next best grouping within the budget (measured), if any. */
  runnerUp: Partition | null;
  /** The best measured grouping with fewer networks than the chosen one, if any. */
  fewer: Partition | null;
  /** Names a grouping's networks (networkLabels.ts). */
  label: (groups: number[][]) => NetworkLabels;
}

export function noiseReport(o: NoiseInput): NoiseReport {
  const runnerUp = compare(o, o.runnerUp);
  const fewerNetworks = compare(o, o.fewer);
  return { runnerUp, fewerNetworks, advice: advice(o, runnerUp, fewerNetworks) };
}

function compare(o: NoiseInput, other: Partition | null): Comparison | null {
  if (!other) return null;
  const paired = pairedDifference(o.evidence, o.chosen.groups, other.groups, o.weights);
  if (!paired) return null;
  return {
    ...o.label(other.groups),
    objective: other.objective,
    measured: true,
    stderr: objectiveStderr(o.evidence, other.groups, o.weights),
    networks: other.groups.length,
    difference: paired.difference,
    differenceStderr: paired.stderr,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
const networks = (k: number): string => `${k} network${k === 1 ? '' : 's'}`;

function advice(o: NoiseInput, runnerUp: Comparison | null, fewer: Comparison | null): string[] {
  const lines: string[] = [];
  const seeds = o.evidence.seeds.length;
  const moreSeeds = `more seeds (--seeds ${Math.max(2 * seeds, 4)}) would tell them apart`;
  if (seeds < 2)
    lines.push(
      'One seed: no standard error can be measured; use --seeds 3 or more before trusting small differences.',
    );
  if (fewer && fewer.difference <= fewer.differenceStderr) {
    lines.push(
      `With ${networks(fewer.networks)}, ${label(fewer)} is as good within seed noise (${pct(fewer.difference)} worse, ±${pct(fewer.differenceStderr)}): prefer it if serving fewer networks matters.`,
    );
  }
  if (runnerUp && runnerUp.difference <= runnerUp.differenceStderr) {
    lines.push(
      `The next best grouping, ${label(runnerUp)}, is only ${pct(runnerUp.difference)} worse, within seed noise (±${pct(runnerUp.differenceStderr)}): ${moreSeeds}.`,
    );
  }
  const gain = 1 - o.chosen.objective;
  if (seeds >= 2 && Math.abs(gain) <= 2 * o.objectiveStderr) {
    lines.push(
      `The grouping's gain over training every task alone (${pct(gain)}) is within twice its seed noise (±${pct(o.objectiveStderr)}): the data may be too small or the tasks unrelated; more rows or more seeds would tell.`,
    );
  }
  return lines;
}

const label = (c: Comparison): string => c.grouping.map((g) => `{${g.join(', ')}}`).join(' ');
