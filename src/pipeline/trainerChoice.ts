import type { RedisAddress } from '../config/redisAddress.js';
import type { RunChoices } from '../config/runChoices.js';
import type { ProxyTrainer } from '../proxy/trainers/index.js';
import type { ServingWorker } from '../queue/queueWorker.js';
import type { StopSignal } from './execute.js';
import { createPoolTrainer } from './pool.js';
import type { Trainer } from './trainer.js';

/**
 * Most runs in the queue at once for one search: enough to keep 500 remote threads at two
 * runs each busy. Runs are claimed in SQLite as they enter the queue, so a larger window only
 * holds more claims; after a stop the runs no worker has started are taken back out.
 */
export const queueWindow = 1000;

export interface TrainerChoice {
  trainer: Trainer;
  /** Batches execute.ts keeps in flight: one per thread here, the queue window with Redis. */
  parallel: number;
}

/**
 * How a search trains on this machine: the piscina pool of `workers` threads running `trainer`,
 * or, with `--redis`, the BullMQ queue of `trainer`'s identity, served by `taskgroup worker`
 * processes anywhere and by `workers` threads of this process (none with --workers 0).
 */
export async function openTrainer(
  choices: RunChoices,
  trainer: ProxyTrainer,
  stop: StopSignal,
  warn: (message: string) => void,
): Promise<TrainerChoice> {
  if (!choices.redis)
    return {
      trainer: createPoolTrainer(trainer.name, choices.workers, stop.shared),
      parallel: choices.workers,
    };
  return {
    trainer: await queueTrainer({ ...choices, redis: choices.redis }, trainer, stop, warn),
    parallel: queueWindow,
  };
}

async function queueTrainer(
  choices: RunChoices & { redis: RedisAddress },
  trainer: ProxyTrainer,
  stop: StopSignal,
  warn: (message: string) => void,
): Promise<Trainer> {
  const { redis: address, workers } = choices;
  // BullMQ and ioredis load only here: a search without --redis (and its start) never pays for them.
  const [{ identityOf }, { openQueueTrainer }, { startQueueWorker }] = await Promise.all([
    import('../queue/identity.js'),
    import('../queue/queueTrainer.js'),
    import('../queue/queueWorker.js'),
  ]);
  const identity = identityOf(trainer);
  const remote = await openQueueTrainer({ address, identity, stop, localThreads: workers, warn });
  let local: ServingWorker | undefined;
  try {
    if (workers > 0) {
      local = await startQueueWorker({
        address,
        identity,
        concurrency: workers,
        role: 'coordinator',
        log: () => {},
        trainer: createPoolTrainer(trainer.name, workers),
        onFatal: (error) => {
          warn(`this machine's threads stop serving the queue: ${error.message}`);
          void local?.close();
        },
      });
    }
  } catch (error) {
    await remote.close();
    throw error;
  }
  return {
    train: (specs, dataset) => remote.train(specs, dataset),
    async close() {
      await local?.close();
      await remote.close();
    },
  };
}
