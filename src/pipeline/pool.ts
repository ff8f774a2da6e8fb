import type { Piscina } from 'piscina';
import type { EncodedDataset } from '../data/types.js';
import { errorFromWire } from '../errors.js';
import type { RunResult, RunSpec } from '../proxy/types.js';
import { trainWorkerFile } from '../proxy/workerPath.js';
import {
  newStopFlag,
  type SettleRequest,
  type TrainReply,
  type TrainRequest,
  type TrainWorkerData,
} from './protocol.js';
import type { Trainer } from './trainer.js';

/**
 * The piscina pool of training workers, each running the trainer named `trainer`
 * (proxy/trainers). `start()` starts the threads: each loads its trainer while the main thread
 * still loads the data; otherwise the first batch starts them, so a search whose runs are all
 * stored starts no thread (nor loads piscina). The dataset goes with every batch: its arrays
 * live on SharedArrayBuffers, so posting it shares the rows, never copies them. A failed answer
 * is thrown as the error the worker raised, with its code and exit code. Raising `stop` (the
 * search's StopFlag) stops the runs in flight at their next batch: their batch answers with an
 * InterruptedError.
 */
export function createPoolTrainer(trainer: string, workers: number, stop = newStopFlag()): Trainer {
  let pool: Promise<Piscina<TrainRequest | SettleRequest, TrainReply>> | undefined;
  const workerData: TrainWorkerData = { trainer, stop: stop.buffer as SharedArrayBuffer };
  const start = () =>
    (pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina<TrainRequest | SettleRequest, TrainReply>({
          filename: trainWorkerFile,
          workerData,
          minThreads: workers,
          maxThreads: workers,
          idleTimeout: 60_000,
        }),
    ));
  return {
    start: () => void start(),
    async train(specs: RunSpec[], dataset: () => Promise<EncodedDataset>): Promise<RunResult[]> {
      const threads = start();
      const [ready, data] = await Promise.all([threads, dataset()]);
      const reply = await ready.run({ dataset: data, specs });
      if (!reply.ok) throw errorFromWire(reply.error);
      return reply.results;
    },
    async close() {
      const threads = await pool;
      if (!threads) return;
      await settled(threads, workers);
      await threads.destroy();
    },
  };
}

/** Longest wait for the threads' starts before they are ended anyway (one that died starting
 *  never answers). */
const settleWaitMs = 10_000;

/**
 * Resolves once each of the `workers` threads has answered a settle request (SettleRequest):
 * its start is over. Ending a thread while its ES modules still evaluate aborts the whole
 * process in V8 (nodejs/node#43182), which a search whose data is refused while the pool starts
 * would otherwise risk. An idle thread takes one request at a time, so `workers` requests reach
 * every thread.
 */
export async function settled(
  threads: Piscina<TrainRequest | SettleRequest, TrainReply>,
  workers: number,
): Promise<void> {
  const requests = Array.from({ length: workers }, () => threads.run({ settle: true }));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, settleWaitMs)));
  await Promise.race([Promise.allSettled(requests), late]);
  clearTimeout(timer);
}
