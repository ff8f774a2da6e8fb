import type { RunStatus } from './runStore.js';
import { storedJson } from './storedJson.js';

/**
 * A search's planned runs as the database holds them (search_runs), each with what its run
 * holds (runs) and what is stored beside it: its network (db/006), a lookahead's affinity
 * (db/005) and its tasks' metrics (db/007).
 */

/**
 * The network a run trains, as its JSON is stored (src/proxy/architectures names the choices):
 * absent or null, the shared-bottom network.
 */
export interface RunArchitecture {
  readonly name: string;
  readonly experts?: number;
  readonly expertLayers?: readonly number[];
}

export interface PlannedRun {
  key: string;
  /** Task indices into the search's task list, ascending. */
  tasks: number[];
  seed: number;
  /** Its network when not the shared bottom (db/006_run_architecture.sql). */
  architecture?: RunArchitecture;
}

export interface PlannedRunState extends PlannedRun {
  status: RunStatus;
  losses: number[] | null;
  attempts: number;
  error: string | null;
  claimedBy: string | null;
  backend: string | null;
  /** A lookahead run's affinity (n × n, row-major, Z(j→i) at [i·n + j]); null otherwise. */
  affinity?: number[] | null;
  /**
   * Each task's metric at its best epoch (proxy/metrics.ts), null where there is none; null
   * for a run stored before metrics.
   */
  metrics?: (number | null)[] | null;
}

/** Every planned run of a search (`?`: its id), in the order it was planned. */
export const PLANNED_RUNS_SQL = `SELECT p.run_key AS key, p.tasks AS tasks, p.seed AS seed,
      n.architecture AS architecture,
      COALESCE(r.status, 'pending') AS status, r.losses AS losses, COALESCE(r.attempts, 0) AS attempts,
      r.error AS error, r.claimed_by AS claimedBy, r.backend AS backend, a.affinity AS affinity,
      m.metrics AS metrics
      FROM search_runs p LEFT JOIN runs r ON r.key = p.run_key LEFT JOIN run_affinity a ON a.run_key = p.run_key
      LEFT JOIN planned_architecture n ON n.search_id = p.search_id AND n.run_key = p.run_key
      LEFT JOIN run_metrics m ON m.run_key = p.run_key
      WHERE p.search_id = ? ORDER BY p.rowid`;

/** A row of PLANNED_RUNS_SQL read back; stored JSON that does not parse names the run. */
export function plannedRunOf(row: Record<string, unknown>): PlannedRunState {
  return {
    key: row.key as string,
    tasks: storedJson(row.tasks as string, `planned run ${String(row.key)}'s tasks`) as number[],
    seed: row.seed as number,
    ...(row.architecture !== null && {
      architecture: JSON.parse(row.architecture as string) as RunArchitecture,
    }),
    status: row.status as RunStatus,
    losses:
      row.losses === null
        ? null
        : (storedJson(row.losses as string, `run ${String(row.key)}'s losses`) as number[]),
    attempts: row.attempts as number,
    error: row.error as string | null,
    claimedBy: row.claimedBy as string | null,
    backend: row.backend as string | null,
    affinity:
      row.affinity === null || row.affinity === undefined
        ? null
        : (storedJson(row.affinity as string, `run ${String(row.key)}'s affinity`) as number[]),
    metrics:
      row.metrics === null
        ? null
        : (storedJson(row.metrics as string, `run ${String(row.key)}'s metrics`) as
            (number | null)[] | null),
  };
}
