import { Piscina } from 'piscina';
import type { EncodedDataset } from '../data/types.js';
import { errorFromWire } from '../errors.js';
import type { BackendName, RunResult, RunSpec } from '../proxy/types.js';
import { trainWorkerFile } from '../proxy/workerPath.js';
import { newStopFlag, type TrainReply, type TrainRequest, type TrainWorkerData } from './protocol.js';
import type { Trainer } from './trainer.js';

/**
 * The piscina pool of training workers. Every worker gets the dataset through `workerData`: its
 * arrays live on SharedArrayBuffers, so the rows are shared, never copied per run. The pool is
 * created on the first batch, so a search whose runs are all cached starts no worker. A failed
 * answer is thrown as the error the worker raised, with its code and exit code. Raising `stop`
 * (the search's StopFlag) stops the runs in flight at their next batch: their batch answers
 * with an InterruptedError.
 */
export function createPoolTrainer(dataset: EncodedDataset, backend: BackendName, workers: number, stop = newStopFlag()): Trainer {
  let pool: Piscina<TrainRequest, TrainReply> | undefined;
  const workerData: TrainWorkerData = { dataset, backend, stop: stop.buffer as SharedArrayBuffer };
  const start = () =>
    (pool ??= new Piscina({ filename: trainWorkerFile, workerData, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 }));
  return {
    async train(specs: RunSpec[]): Promise<RunResult[]> {
      const reply = await start().run({ specs });
      if (!reply.ok) throw errorFromWire(reply.error);
      return reply.results;
    },
    async close() {
      await pool?.destroy();
    },
  };
}
