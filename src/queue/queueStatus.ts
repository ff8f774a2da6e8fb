import { Queue } from 'bullmq';
import type { RedisAddress } from '../config/redisAddress.js';
import { connectRedis, openRedis } from './connection.js';
import { workersSeen, type SeenWorker } from './heartbeat.js';
import { keyPrefix, queuesKey } from './keys.js';

/** One queue (one trainer identity): its runs by state. `completed`: answers not yet collected by a coordinator. */
export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export interface QueueView {
  /** The server, password hidden. */
  redis: string;
  queues: QueueCounts[];
  /** Workers heard from in the last day, newest first; `live` ones beat in the last 20 s. */
  workers: SeenWorker[];
}

/** What the queues on `address` hold and who serves them (measured now, from Redis). */
export async function queueView(address: RedisAddress): Promise<QueueView> {
  const redis = openRedis(address);
  await connectRedis(address, redis);
  try {
    const names = (await redis.smembers(queuesKey)).sort();
    const queues = await Promise.all(names.map((name) => countsOf(redis, name)));
    return { redis: address.shown, queues, workers: await workersSeen(redis) };
  } finally {
    redis.disconnect();
  }
}

async function countsOf(
  redis: Parameters<typeof connectRedis>[1],
  name: string,
): Promise<QueueCounts> {
  const queue = new Queue(name, { connection: redis, prefix: keyPrefix });
  try {
    const counts = await queue.getJobCounts(
      'waiting',
      'prioritized',
      'active',
      'completed',
      'failed',
      'delayed',
    );
    const n = (state: string) => counts[state] ?? 0;
    return {
      queue: name,
      waiting: n('waiting') + n('prioritized'),
      active: n('active'),
      completed: n('completed'),
      failed: n('failed'),
      delayed: n('delayed'),
    };
  } finally {
    await queue.close();
  }
}
