import type { Redis } from 'ioredis';
import { batchJobId, batchOfKey } from './runBatches.js';

/** How long a batch's runs point to its job: as long as an uncollected answer is kept. */
const pointerSeconds = 7 * 24 * 3600;

/**
 * The batch jobs a coordinator queued: which runs each holds, and which are not stored yet. In
 * Redis each run points to its batch (`batchOfKey`), so a coordinator that starts again finds
 * the answers left while it was gone. A batch found that way (queued by an earlier process) is
 * not in this book and is never removed by it: it expires as an answer nobody collects does,
 * so a run of it asked for later still finds its answer.
 */
export class BatchBook {
  private readonly batches = new Map<string, { keys: string[]; open: Set<string> }>();
  private readonly batchOf = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly queueName: string,
  ) {}

  pointer(key: string): string {
    return batchOfKey(this.queueName, key);
  }

  /**
   * A new batch of runs `keys`: their pointers are written before its job is queued, so a
   * coordinator killed in between leaves pointers to no job, which the next one reads as "not
   * queued". Returns the job id.
   */
  async open(keys: string[]): Promise<string> {
    const id = batchJobId();
    const pointers = this.redis.multi();
    for (const key of keys) pointers.set(this.pointer(key), id, 'EX', pointerSeconds);
    await pointers.exec();
    this.batches.set(id, { keys, open: new Set(keys) });
    for (const key of keys) this.batchOf.set(key, id);
    return id;
  }

  /** A run of batch `id` failed: it points to it no more, and its retry is queued afresh. */
  async drop(id: string, key: string): Promise<void> {
    this.batches.get(id)?.open.delete(key);
    this.batchOf.delete(key);
    await this.redis.del(this.pointer(key));
  }

  /**
   * Run `key` is stored: the job to remove from Redis now (the run's own, or its batch once
   * none of the batch's runs is left to store, its pointers deleted), else undefined.
   */
  async stored(key: string): Promise<string | undefined> {
    const id = this.batchOf.get(key);
    if (id === undefined) return key;
    this.batchOf.delete(key);
    const batch = this.batches.get(id);
    batch?.open.delete(key);
    if (batch === undefined || batch.open.size > 0) return undefined;
    this.batches.delete(id);
    await this.redis.del(...batch.keys.map((k) => this.pointer(k)));
    return id;
  }
}
