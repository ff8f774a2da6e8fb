import type { Redis } from 'ioredis';
import type { EncodedDataset } from '../data/types.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { fetchDataset } from './datasetBlob.js';

/** Trains runs on the dataset it is handed: the pipeline's piscina pool (same shape as its Trainer). */
export interface RunTrainer {
  train(specs: RunSpec[], dataset: () => Promise<EncodedDataset>): Promise<RunResult[]>;
  close(): Promise<void>;
}

interface Shelved {
  dataset: Promise<EncodedDataset>;
  inUse: number;
  lastUsed: number;
}

/** Datasets a worker keeps at once: two searches can share the workers without reloading at every job. */
const kept = 2;

/**
 * A worker's datasets, each fetched from Redis once (concurrent jobs of one fingerprint share
 * one fetch), trained on by one pool of threads (the dataset goes with each batch, shared, not
 * copied). When a third fingerprint arrives, the least recently used idle one is dropped.
 */
export class DatasetShelf {
  private readonly shelf = new Map<string, Shelved>();

  constructor(
    private readonly redis: Redis,
    private readonly trainer: RunTrainer,
  ) {}

  /** Trains `spec` on the dataset `fingerprint`, fetching it first if this worker lacks it. */
  async train(
    fingerprint: string,
    spec: RunSpec,
  ): Promise<{ result: RunResult; dataset: EncodedDataset }> {
    const entry = this.take(fingerprint);
    try {
      const dataset = await entry.dataset;
      const [result] = await this.trainer.train([spec], () => entry.dataset);
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
      this.evict(fingerprint);
    }
    entry.inUse++;
    return entry;
  }

  private evict(keep: string): void {
    const idle = [...this.shelf.entries()]
      .filter(([fp, e]) => fp !== keep && e.inUse === 0)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [fingerprint] of idle.slice(0, Math.max(0, this.shelf.size - kept)))
      this.shelf.delete(fingerprint);
  }

  async close(): Promise<void> {
    this.shelf.clear();
    await this.trainer.close();
  }
}
