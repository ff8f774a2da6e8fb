import type { Redis } from 'ioredis';
import type { RedisAddress } from '../config/redisAddress.js';
import { workersSeen } from './heartbeat.js';
import { sameIdentity, showIdentity, type TrainerIdentity } from './identity.js';

/**
 * Warns when no live worker serves this identity's queue: the runs would wait for one to start.
 * Names the identities the live workers do serve, since a worker of another version or trainer
 * never takes these runs (each identity has its own queue).
 */
export async function warnOfMissingWorkers(
  redis: Redis,
  identity: TrainerIdentity,
  address: RedisAddress,
  warn: (message: string) => void,
): Promise<void> {
  const live = (await workersSeen(redis)).filter((w) => w.live);
  if (live.some((w) => sameIdentity(w.identity, identity))) return;
  const others = [...new Set(live.map((w) => showIdentity(w.identity)))];
  const elsewhere =
    others.length === 0
      ? ''
      : `; ${live.length} live worker(s) serve other versions or trainers (${others.join('; ')}) and will not take these runs`;
  warn(
    `no taskgroup worker for ${showIdentity(identity)} is connected to ${address.shown}: the runs wait in the queue until one starts (taskgroup worker --redis URL)${elsewhere}`,
  );
}
