/**
 * The report model: everything a report shows, built once from the database (src/pipeline)
 * and rendered by each format in this folder. Its JSON form is the `search --json` contract
 * (docs/commands.md) plus extra fields.
 */
import type { Reproduction, SeedRow, TaskMetricRow, TrainedGroupPoint } from './runDetail.js';

export type { Reproduction, SeedRow, TaskMetricRow, TrainedGroupPoint };

export type SearchStatus = 'running' | 'interrupted' | 'done' | 'failed';

export interface PerTaskRow {
  task: string;
  /** Index into `grouping`. */
  group: number;
  /** Mean validation loss over seeds of the task trained alone. */
  lossAlone: number;
  /** Loss in its group: measured when the group was run, else the HOA estimate. */
  lossGrouped: number;
  /** lossGrouped / lossAlone (1 = no change, < 1 = the group helps). */
  relativeLoss: number;
  /** Standard error over seeds of relativeLoss (0 with one seed or a group of one). */
  stderr: number;
  weight: number;
  /** True when lossGrouped comes from a run of this very group (alone, a pair, or a verified group). */
  measured?: boolean;
}

export interface GroupingOption {
  grouping: string[][];
  /** In a search with auxiliaries: each network's auxiliary tasks, aligned with `grouping`. */
  auxiliaries?: string[][];
  objective: number;
  /** True when every network of the grouping was trained (its objective is measured). */
  measured?: boolean;
  /** Its uncertainty: the standard error over seeds when measured; for an estimated grouping, the
   *  error model's σ times the weighted share of tasks in unmeasured groups. */
  stderr?: number;
}

export interface BudgetOption extends GroupingOption {
  budget: number;
}

export interface TransferMatrix {
  tasks: string[];
  /** matrix[i][j] = T(j→i) = 1 − L_i({i,j}) / L_i({i}), mean over seeds; diagonal 0. */
  matrix: number[][];
  /** Standard error of matrix[i][j] over seeds; diagonal 0. */
  stderr: number[][];
}

/** How `other` compares with the chosen grouping, seed by seed (seeds are paired). */
export interface Comparison extends GroupingOption {
  networks: number;
  /** other − chosen objective (positive: the other is worse). */
  difference: number;
  /** Standard error of that difference over seeds. */
  differenceStderr: number;
}

/** What the answer rests on, and why the search stopped looking. */
export interface Certificate {
  /** exhaustive: every subset measured; verified: chosen among measured groupings, checked
   *  against optimistic estimates of the others; estimate: rests on the pair estimate alone. */
  basis: 'exhaustive' | 'verified' | 'estimate';
  /** certified: no grouping with an unmeasured network is estimated, even optimistically, to
   *  beat the answer by more than `margin`; run cap: the cap stopped the search first. */
  status: 'exhaustive' | 'certified' | 'run cap' | 'not verified' | 'in progress';
  /** Lowest optimistic objective of a grouping within the budget (corrected estimate − κσ). */
  optimisticBest: number | null;
  margin: number;
  kappa: number;
  /** Uncertainty of a group's corrected estimate (relative loss per task). */
  sigma: number;
  /** The groupings each round of verification chose to measure: optimistic estimate when chosen,
   *  and the objective the trained runs gave. */
  candidates?: {
    round: number;
    budget: number;
    grouping: string[][];
    auxiliaries?: string[][];
    optimistic: number;
    objective: number;
    measured: boolean;
  }[];
  /** Groups of 3+ tasks measured (the all-in-one network included) and rounds that chose them. */
  groupsMeasured: number;
  rounds: number;
  /** Most groups verification could train besides the all-in-one network. */
  groupCap: number;
}

export interface NoiseReport {
  /** The best other grouping within the budget, measured. */
  runnerUp: Comparison | null;
  /** The best measured grouping with fewer networks than the chosen one. */
  fewerNetworks: Comparison | null;
  /** Plain-language advice: equal within noise, more seeds, prefer fewer networks. */
  advice: string[];
}

/**
 * Group or gate: one MMoE over every task (shared experts, one softmax gate per task), trained
 * once per seed beside a shared-bottom search and compared with the chosen grouping. Its
 * objective is relative to each task trained alone, as every grouping's is.
 */
export interface MmoeBaseline {
  /** Mean over the seeds whose MMoE run finished; null when none did. */
  objective: number | null;
  /** Standard error over seeds (0 with one seed); null when no run finished. */
  stderr: number | null;
  /** True when the figure comes from finished MMoE runs (false only when every one failed). */
  measured: boolean;
  experts: number;
  /** MMoE − chosen objective (positive: the MMoE is worse); null when not measured. */
  difference: number | null;
  /** Standard error of that difference. */
  differenceStderr: number | null;
  /** Seed by seed (the chosen grouping is measured), or from both standard errors (it is estimated). */
  paired: boolean;
  /** The MMoE beats the chosen grouping by more than the difference's standard error (2+ seeds). */
  better: boolean;
}

/** The exhaustive truth (every subset trained with the same data, settings and seeds). */
export interface TruthReport {
  /** The exhaustive search the truth comes from (this search's own id when it is one). */
  searchId: string;
  /** Best objective within the budget, and its grouping. */
  optimum: GroupingOption;
  /** Chosen objective ÷ optimum − 1 (0: the chosen grouping is the true optimum). */
  regret: number;
  /**
   * The regret's seed noise: standard error of the chosen grouping's objective minus the
   * optimum's, seed by seed, ÷ the optimum (0 with one seed, or when the chosen grouping is the
   * optimum). A regret within it may be the optimum's luck among many noisy groupings. Absent
   * from a result stored by an earlier taskgroup whose truth's runs are gone.
   */
  regretStderr?: number;
  rank: number;
  /** Partitions within the budget. */
  of: number;
  byBudget: BudgetOption[];
}

/**
 * One auxiliary task's effect on one network: the network's main tasks' weighted mean relative
 * loss without it minus with it (positive: it helps). Measured, seed by seed (seeds are paired),
 * when both networks were trained; else estimated from the pairs (stderr: the error model's σ).
 */
export interface AuxiliaryEffect {
  task: string;
  gain: number;
  stderr: number;
  measured: boolean;
}

/** What the auxiliary tasks do for one network of the grouping (a search with auxiliaries). */
export interface NetworkAuxiliaries {
  /** Index into `grouping`. */
  network: number;
  /** Each chosen auxiliary: the network without it against the network with it. */
  chosen: AuxiliaryEffect[];
  /** What one more auxiliary buys: the best of the others added to the network (null: none left). */
  oneMore: AuxiliaryEffect | null;
  /** The auxiliaries whose addition raises the network's loss (gain < 0), the most harmful first. */
  hurting: AuxiliaryEffect[];
}

export interface ReportModel {
  searchId: string;
  status: SearchStatus;
  tasks: string[];
  taskTypes: string[];
  weights: number[];
  /** Most networks allowed; null = no limit. */
  budget: number | null;
  grouping: string[][];
  /**
   * In a search with auxiliary tasks (`search --aux`): each network's auxiliary tasks, aligned
   * with `grouping` (which lists the main tasks), possibly empty. Absent otherwise.
   */
  auxiliaries?: string[][];
  /** Aligned with `grouping`, in a search with auxiliary tasks: what each auxiliary does. */
  auxiliaryEffects?: NetworkAuxiliaries[];
  objective: number;
  /** measured: every network of the grouping was trained; estimated: it rests on the pair estimate. */
  objectiveKind: 'measured' | 'estimated';
  /** Standard error of the objective over seeds. */
  objectiveStderr: number;
  /** True only when `grouping` is proven the best of all groupings on measured losses (an
   *  exhaustive search); see `certificate` for what a verified answer rests on. */
  optimal?: boolean;
  /** Proven relative gap of the last solve on the problem the answer rests on (0 when solved). */
  gap?: number;
  certificate: Certificate;
  noise: NoiseReport;
  truth?: TruthReport;
  perTask: PerTaskRow[];
  baselines: {
    allSeparate: number;
    /** Objective of one network for every task: measured (every seed) unless that run failed. */
    allTogether: number;
    allTogetherMeasured: boolean;
    allTogetherStderr: number;
    /**
     * Best grouping for each budget k = 1..N: at most k networks (the optimum may use fewer,
     * so budgets past the unconstrained optimum repeat it).
     */
    byBudget: BudgetOption[];
    /** The MMoE baseline, beside every shared-bottom search unless --no-mmoe-baseline. */
    mmoe?: MmoeBaseline;
  };
  transfer: TransferMatrix;
  /** Next-best distinct groupings within the budget, best first. */
  alternatives: GroupingOption[];
  runs: { total: number; trained: number; cached: number; failed: number };
  /**
   * Groups of three or more tasks trained for real to check the pair-based estimate: the
   * weighted mean relative loss of the members as estimated from pairs (HOA) and as measured.
   */
  verification?: { group: string[]; estimated: number; measured: number }[];
  /** Each task's metric (AUC, RMSE) alone and in its network, beside perTask's losses. */
  taskMetrics?: TaskMetricRow[];
  /** Each seed's losses and metrics of the chosen grouping's tasks. */
  perSeed?: SeedRow[];
  /** Every trained group of 3+ tasks: pair and corrected estimates against the measured loss. */
  trainedGroups?: TrainedGroupPoint[];
  /** The command line that asks this search's question again. */
  reproduce?: Reproduction;
  /**
   * Runs that failed after every retry. A pair with no successful seed counts as no transfer
   * (T = 0), so groupings that hinge on it are less certain.
   */
  failures?: { tasks: string[]; seed: number; error: string }[];
  facts: {
    dataFile: string;
    fingerprint: string;
    trainRows: number;
    valRows: number;
    seeds: number;
    seed: number;
    proxy: Record<string, unknown>;
    backend: string;
    /** How pairs were scored: the search method's name (`pairs`: measured pair runs; `tag`:
     *  estimated from lookahead affinities; src/decide/methods). Absent in results stored
     *  before it existed. */
    method?: string;
    /** The auxiliary tasks of a search with `--aux` (absent without). */
    aux?: string[];
    /** How their gradients were balanced on the shared layers (`none`, `metabalance:0.7`). */
    auxBalance?: string;
    /** The network of every run (absent in results stored before architectures had names). */
    architecture?: { name: string; experts?: number; expertLayers?: number[] };
    /** Columns learned as embedding tables; absent when none. */
    embed?: { column: string; dim: number; rows: number }[];
    toolVersion: string;
    createdAt: string;
    finishedAt: string | null;
  };
  elapsedSec: number;
}
