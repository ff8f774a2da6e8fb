import type { Redis } from 'ioredis';
import type { EncodedDataset } from '../data/types.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { fetchDataset } from './datasetBlob.js';

/** Trains runs on one dataset: the pipeline's piscina pool (same shape as its Trainer). */
export interface RunTrainer {
  train(specs: RunSpec[]): Promise<RunResult[]>;
  close(): Promise<void>;
}

interface Shelved {
  dataset: Promise<EncodedDataset>;
  trainer?: RunTrainer;
  inUse: number;
  lastUsed: number;
}

/** Datasets (and their pools) a worker keeps at once: two searches can share the workers without reloading at every job. */
const kept = 2;

/**
 * A worker's datasets, each fetched from Redis once (concurrent jobs of one fingerprint share
 * one fetch) with the pool of threads that trains on it. When a third fingerprint arrives, the
 * least recently used idle one is dropped and its threads end.
 */
export class DatasetShelf {
  private readonly shelf = new Map<string, Shelved>();

  constructor(
    private readonly redis: Redis,
    private readonly trainerFor: (dataset: EncodedDataset) => RunTrainer,
    preloaded?: EncodedDataset,
  ) {
    if (preloaded) this.shelf.set(preloaded.fingerprint, { dataset: Promise.resolve(preloaded), inUse: 0, lastUsed: Date.now() });
  }

  /** Trains `spec` on the dataset `fingerprint`, fetching it first if this worker lacks it. */
  async train(fingerprint: string, spec: RunSpec): Promise<{ result: RunResult; dataset: EncodedDataset }> {
    const entry = this.take(fingerprint);
    try {
      const dataset = await entry.dataset;
      entry.trainer ??= this.trainerFor(dataset);
      const [result] = await entry.trainer.train([spec]);
      return { result, dataset };
    } finally {
      entry.inUse--;
      entry.lastUsed = Date.now();
    }
  }

  private take(fingerprint: string): Shelved {
    let entry = this.shelf.get(fingerprint);
    if (!entry) {
      entry = { dataset: fetchDataset(this.redis, fingerprint), inUse: 0, lastUsed: Date.now() };
      // A failed fetch is not kept: the next job of that fingerprint tries again.
      entry.dataset.catch(() => this.shelf.delete(fingerprint));
      this.shelf.set(fingerprint, entry);
      void this.evict(fingerprint);
    }
    entry.inUse++;
    return entry;
  }

  private async evict(keep: string): Promise<void> {
    const idle = [...this.shelf.entries()].filter(([fp, e]) => fp !== keep && e.inUse === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [fingerprint, entry] of idle.slice(0, Math.max(0, this.shelf.size - kept))) {
      this.shelf.delete(fingerprint);
      await entry.trainer?.close();
    }
  }

  async close(): Promise<void> {
    const entries = [...this.shelf.values()];
    this.shelf.clear();
    await Promise.all(entries.map((e) => e.trainer?.close()));
  }
}
