import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { lenientJson } from './storedJson.js';

/** What the database remembers of one data source (see db/004_trainer_identity_and_sources.sql). */
export interface StoredSource {
  fingerprint: string;
  /** As stored (JSON); src/pipeline/searchData.ts reads it and ignores a row out of shape. */
  facts: unknown;
}

/** The data_sources table: source key → fingerprint and facts. Written once per source. */
export class SourceStore {
  private readonly get: Statement<[string], { fingerprint: string; facts: string }>;
  private readonly put: Statement;

  constructor(db: Db) {
    this.get = db.prepare('SELECT fingerprint, facts FROM data_sources WHERE source_key = ?');
    this.put =
      db.prepare(`INSERT OR REPLACE INTO data_sources (source_key, fingerprint, facts, created_at)
      VALUES (@sourceKey, @fingerprint, @facts, @now)`);
  }

  find(sourceKey: string): StoredSource | undefined {
    const row = this.get.get(sourceKey);
    // Facts that do not parse: the source is read from its file again, as if it were not known.
    const facts = row && lenientJson(row.facts);
    return facts === undefined ? undefined : { fingerprint: row!.fingerprint, facts };
  }

  remember(sourceKey: string, source: StoredSource): void {
    this.put.run({
      sourceKey,
      fingerprint: source.fingerprint,
      facts: JSON.stringify(source.facts),
      now: new Date().toISOString(),
    });
  }
}
