/**
 * The report model: everything a report shows, built once from the database (src/pipeline)
 * and rendered by each format in this folder. Its JSON form is the `search --json` contract of
 * DESIGN.md §2 plus extra fields.
 */
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
  objective: number;
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

export interface ReportModel {
  searchId: string;
  status: SearchStatus;
  tasks: string[];
  taskTypes: string[];
  weights: number[];
  /** Most networks allowed; null = no limit. */
  budget: number | null;
  grouping: string[][];
  objective: number;
  /** True when the search proved `grouping` optimal; else it stopped at its node limit. */
  optimal?: boolean;
  /** Proven relative gap between `objective` and the best possible (0 when optimal). */
  gap?: number;
  perTask: PerTaskRow[];
  baselines: {
    allSeparate: number;
    allTogether: number;
    /**
     * Best grouping for each budget k = 1..N: at most k networks (the optimum may use fewer,
     * so budgets past the unconstrained optimum repeat it).
     */
    byBudget: BudgetOption[];
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
    toolVersion: string;
    createdAt: string;
    finishedAt: string | null;
  };
  elapsedSec: number;
}
