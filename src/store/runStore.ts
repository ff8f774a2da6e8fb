import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { ownerIsAlive } from './owner.js';
import { storedJson } from './storedJson.js';

export type RunStatus = 'pending' | 'running' | 'done' | 'failed';

export interface StoredRun {
  key: string;
  status: RunStatus;
  losses: number[] | null;
  backend: string | null;
  trainMs: number | null;
  attempts: number;
  error: string | null;
  claimedBy: string | null;
}

export interface RunIdentity {
  key: string;
  fingerprint: string;
  /** Task names of the run, in dataset order. */
  tasks: string[];
  seed: number;
  settings: unknown;
}

export type ClaimOutcome = 'claimed' | 'done' | 'busy' | 'exhausted';

interface RunRow {
  key: string;
  status: RunStatus;
  losses: string | null;
  backend: string | null;
  train_ms: number | null;
  attempts: number;
  error: string | null;
  claimed_by: string | null;
}

const toRun = (row: RunRow): StoredRun => ({
  key: row.key,
  status: row.status,
  losses:
    row.losses === null ? null : (storedJson(row.losses, `run ${row.key}'s losses`) as number[]),
  backend: row.backend,
  trainMs: row.train_ms,
  attempts: row.attempts,
  error: row.error,
  claimedBy: row.claimed_by,
});

/**
 * The runs table. Every write is one short synchronous transaction, so a finished run is on disk
 * the moment `finish` returns and a crash between two calls loses nothing that was finished.
 */
export class RunStore {
  private readonly get: Statement<[string], RunRow>;
  private readonly insertClaim: Statement;
  private readonly updateClaim: Statement;
  private readonly takeOverStmt: Statement;
  private readonly finishStmt: Statement;
  private readonly affinityStmt: Statement;
  private readonly metricsStmt: Statement;
  private readonly failStmt: Statement;
  private readonly releaseStmt: Statement;

  constructor(private readonly db: Db) {
    this.get = db.prepare('SELECT * FROM runs WHERE key = ?');
    this.insertClaim = db.prepare(`INSERT INTO runs
      (key, fingerprint, tasks, seed, settings, status, attempts, claimed_by, claimed_at)
      VALUES (@key, @fingerprint, @tasks, @seed, @settings, 'running', 1, @owner, @now)`);
    this.updateClaim = db.prepare(`UPDATE runs SET status = 'running', attempts = attempts + 1,
      claimed_by = @owner, claimed_at = @now WHERE key = @key`);
    this.takeOverStmt = db.prepare(`UPDATE runs SET claimed_by = @owner, claimed_at = @now
      WHERE key = @key`);
    this.finishStmt = db.prepare(`UPDATE runs SET status = 'done', losses = @losses,
      backend = @backend, train_ms = @trainMs, error = NULL, claimed_by = NULL,
      finished_at = @now WHERE key = @key`);
    this.affinityStmt = db.prepare(
      'INSERT OR REPLACE INTO run_affinity (run_key, affinity) VALUES (@key, @affinity)',
    );
    this.metricsStmt = db.prepare(
      'INSERT OR REPLACE INTO run_metrics (run_key, metrics) VALUES (@key, @metrics)',
    );
    this.failStmt = db.prepare(`UPDATE runs SET status = 'failed', error = @error,
      claimed_by = NULL, finished_at = @now WHERE key = @key AND status != 'done'`);
    this.releaseStmt = db.prepare(`UPDATE runs SET status = 'pending', claimed_by = NULL,
      attempts = MAX(attempts - 1, 0) WHERE status = 'running' AND claimed_by = ?`);
  }

  find(key: string): StoredRun | undefined {
    const row = this.get.get(key);
    return row && toRun(row);
  }

  /**
   * Claims a run for `owner` unless it is done, held by a live process, or out of attempts.
   * Atomic across processes (BEGIN IMMEDIATE), so two processes never train the same key. Taking
   * over the claim of a process that died (kill -9, a crash) spends no attempt: the run did not
   * fail, its process did, and a run must not run out of retries because its searches were
   * killed.
   */
  claim(run: RunIdentity, owner: string, maxAttempts: number): ClaimOutcome {
    return this.db
      .transaction((): ClaimOutcome => {
        const row = this.get.get(run.key);
        const now = new Date().toISOString();
        if (!row) {
          this.insertClaim.run({
            key: run.key,
            fingerprint: run.fingerprint,
            tasks: JSON.stringify(run.tasks),
            seed: run.seed,
            settings: JSON.stringify(run.settings),
            owner,
            now,
          });
          return 'claimed';
        }
        if (row.status === 'done') return 'done';
        if (row.status === 'running' && row.claimed_by !== owner) {
          if (ownerIsAlive(row.claimed_by)) return 'busy';
          this.takeOverStmt.run({ key: run.key, owner, now });
          return 'claimed';
        }
        if (row.attempts >= maxAttempts && row.status === 'failed') return 'exhausted';
        this.updateClaim.run({ key: run.key, owner, now });
        return 'claimed';
      })
      .immediate();
  }

  /**
   * Records a finished run; a lookahead run's affinity (db/005_run_affinity.sql) and the tasks'
   * metrics (db/007_run_metrics.sql) with it (callers wrap them in one transaction).
   */
  finish(
    key: string,
    result: {
      losses: number[];
      backend: string;
      trainMs: number;
      affinity?: number[];
      metrics?: number[];
    },
  ): void {
    this.finishStmt.run({
      key,
      losses: JSON.stringify(result.losses),
      backend: result.backend,
      trainMs: result.trainMs,
      now: new Date().toISOString(),
    });
    if (result.affinity !== undefined)
      this.affinityStmt.run({ key, affinity: JSON.stringify(result.affinity) });
    // NaN (an AUC without both classes) is stored as null, as JSON writes it.
    if (result.metrics !== undefined)
      this.metricsStmt.run({ key, metrics: JSON.stringify(result.metrics) });
  }

  fail(key: string, error: string): void {
    this.failStmt.run({ key, error, now: new Date().toISOString() });
  }

  /** Hands back every claim `owner` still holds (on Ctrl-C): those runs are pending again. */
  release(owner: string): number {
    return this.releaseStmt.run(owner).changes;
  }
}
