import type { RedisAddress } from '../config/redisAddress.js';
import type { RunChoices } from '../config/runChoices.js';
import type { EncodedDataset } from '../data/types.js';
import { identityOf } from '../queue/identity.js';
import { openQueueTrainer } from '../queue/queueTrainer.js';
import { startQueueWorker, type ServingWorker } from '../queue/queueWorker.js';
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
 * How a search trains on this machine: the piscina pool of `workers` threads, or, with
 * `--redis`, the BullMQ queue served by `taskgroup worker` processes anywhere and by `workers`
 * threads of this process (none with --workers 0).
 */
export async function openTrainer(dataset: EncodedDataset, choices: RunChoices, stop: StopSignal, warn: (message: string) => void): Promise<TrainerChoice> {
  if (!choices.redis) return { trainer: createPoolTrainer(dataset, choices.backend, choices.workers, stop.shared), parallel: choices.workers };
  return { trainer: await queueTrainer(dataset, { ...choices, redis: choices.redis }, stop, warn), parallel: queueWindow };
}

async function queueTrainer(dataset: EncodedDataset, choices: RunChoices & { redis: RedisAddress }, stop: StopSignal, warn: (message: string) => void): Promise<Trainer> {
  const { redis: address, workers, backend } = choices;
  const identity = identityOf(backend);
  const remote = await openQueueTrainer({ address, dataset, identity, stop, localThreads: workers, warn });
  let local: ServingWorker | undefined;
  try {
    if (workers > 0) {
      local = await startQueueWorker({
        address, identity, concurrency: workers, role: 'coordinator', preloaded: dataset, log: () => {},
        trainerFor: (d) => createPoolTrainer(d, backend, workers),
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
    train: (specs) => remote.train(specs),
    async close() {
      await local?.close();
      await remote.close();
    },
  };
}
