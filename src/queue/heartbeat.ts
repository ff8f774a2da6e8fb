import type { Redis } from 'ioredis';
import type { TrainerIdentity } from './identity.js';
import { workersKey } from './keys.js';

/**
 * Workers announce themselves in one Redis hash, every few seconds, so `status` and the
 * coordinator can tell who serves which queue. A hash we write rather than BullMQ's
 * getWorkers: that one lists clients with CLIENT LIST, which managed Redis services and
 * restricted ACL users often refuse, and it cannot say what a worker trains with.
 */
export interface WorkerBeat {
  id: string;
  /** `worker` (a `taskgroup worker` process) or `coordinator` (a search's own threads). */
  role: 'worker' | 'coordinator';
  host: string;
  pid: number;
  identity: TrainerIdentity;
  concurrency: number;
  active: number;
  trained: number;
  failed: number;
  startedAt: string;
  seenAt: string;
}

export const heartbeatMs = 5_000;
/** A worker not heard from for this long is gone (killed, or cut off from Redis). */
export const liveForMs = 4 * heartbeatMs;
/** Entries older than this are dropped by the next reader. */
const forgetAfterMs = 24 * 3600 * 1000;

export async function beat(redis: Redis, state: WorkerBeat): Promise<void> {
  await redis.hset(workersKey, state.id, JSON.stringify(state));
}

export async function leave(redis: Redis, id: string): Promise<void> {
  await redis.hdel(workersKey, id);
}

export interface SeenWorker extends WorkerBeat {
  live: boolean;
}

/** Every worker heard from in the last day, newest first; each marked live or not. */
export async function workersSeen(redis: Redis, now = Date.now()): Promise<SeenWorker[]> {
  const entries = Object.entries(await redis.hgetall(workersKey));
  const seen: SeenWorker[] = [];
  const stale: string[] = [];
  for (const [id, text] of entries) {
    const beatState = JSON.parse(text) as WorkerBeat;
    const age = now - Date.parse(beatState.seenAt);
    if (!(age < forgetAfterMs)) stale.push(id);
    else seen.push({ ...beatState, live: age < liveForMs });
  }
  if (stale.length > 0) await redis.hdel(workersKey, ...stale);
  return seen.sort((a, b) => b.seenAt.localeCompare(a.seenAt));
}
