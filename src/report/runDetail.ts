/**
 * The report model's detail of the runs behind an answer (the fields of ReportModel that
 * reference these types): each seed's losses and metrics for the chosen networks, every trained
 * group's estimates against its measured loss, and the command that asks the question again.
 * Each field is optional: results stored before they existed render without them.
 */

/** One task's metric (proxy/metrics.ts) in the chosen grouping, beside its loss. */
export interface TaskMetricRow {
  task: string;
  /** AUC for a binary task, RMSE in the label's unit for regression. */
  metric: 'AUC' | 'RMSE';
  better: 'higher' | 'lower';
  /** Mean over seeds of the task trained alone; null when its runs carry no metric (runs from
   *  before metrics, or an AUC the validation rows cannot give). */
  alone: number | null;
  /** Mean over seeds of the task in its network of the chosen grouping, when that network was
   *  trained (alone, a pair, or a verified group); null when it rests on an estimate. */
  grouped: number | null;
}

/** One task and one seed of the chosen grouping: what that seed's runs measured. */
export interface SeedRow {
  task: string;
  /** Index into `grouping`. */
  group: number;
  seed: number;
  lossAlone: number | null;
  /** The loss in its network, when that network was trained with this seed. */
  lossGrouped: number | null;
  /** lossGrouped / lossAlone. */
  relativeLoss: number | null;
  metricAlone: number | null;
  metricGrouped: number | null;
}

/**
 * A group of three or more tasks that was trained (the all-in-one network included): its
 * weighted mean relative loss as the pairs estimate it, as the error model corrects that
 * estimate, and as measured, with each seed's measured value.
 */
export interface TrainedGroupPoint {
  group: string[];
  /** From the pairs alone (HOA). */
  pairEstimate: number;
  /** The pair estimate plus the error model's correction (fitted on every measured group,
   *  this one included: what the search would estimate for it now). */
  correctedEstimate: number;
  /** Mean over seeds. */
  measured: number;
  measuredStderr: number;
  /** Each seed's measured value, in the order of `seeds`; null where its run is missing. */
  bySeed: (number | null)[];
  seeds: number[];
}

/** The command line that asks the search's question again (docs/reports.md, "Reproduce"). */
export interface Reproduction {
  /** Shell-quoted: it can be pasted as printed. */
  command: string;
  /** The `--config` file the command names (`study.json`), for settings that have no flag;
   *  null when every setting is a flag. */
  config: Record<string, unknown> | null;
}
