import { existsSync } from 'node:fs';
import type { RedisAddress } from '../config/redisAddress.js';
import { queueView, type QueueView } from '../queue/queueStatus.js';

export type { QueueView };

/** What the run queue on `address` holds and who serves it, for `taskgroup status --redis`. */
export const lookAtQueue = (address: RedisAddress): Promise<QueueView> => queueView(address);

/** False before any search wrote the database: `status --redis` then shows the queue alone. */
export const databaseExists = (file: string): boolean => existsSync(file);
