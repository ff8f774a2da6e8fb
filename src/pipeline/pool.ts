import { Piscina } from 'piscina';
import type { EncodedDataset } from '../data/types.js';
import { TaskgroupError, InternalError, UsageError } from '../errors.js';
import type { BackendName, RunResult, RunSpec } from '../proxy/types.js';
import { trainWorkerFile } from '../proxy/workerPath.js';
import type { Trainer } from './execute.js';

interface TrainReply {
  ok: boolean;
  results?: RunResult[];
  error?: { code: string; message: string };
}

/** Errors that no retry can fix: the whole search stops with them. */
export const fatalCodes = new Set(['E_BACKEND', 'E_USAGE', 'E_DATA']);

/**
 * The piscina pool of training workers. Every worker gets the dataset through `workerData`: its
 * arrays live on SharedArrayBuffers, so the rows are shared, never copied per run. The pool is
 * created on the first batch, so a search whose runs are all cached starts no worker.
 */
export function createPoolTrainer(dataset: EncodedDataset, backend: BackendName, workers: number): Trainer {
  let pool: Piscina | undefined;
  const start = () =>
    (pool ??= new Piscina({
      filename: trainWorkerFile,
      workerData: { dataset, backend },
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    }));
  return {
    async train(specs: RunSpec[]): Promise<RunResult[]> {
      const reply = (await start().run({ specs })) as TrainReply;
      if (reply.ok && reply.results) return reply.results;
      const code = reply.error?.code ?? 'E_INTERNAL';
      const message = reply.error?.message ?? 'worker answered without results';
      throw fatalCodes.has(code) ? new UsageError(message, code as 'E_BACKEND' | 'E_USAGE' | 'E_DATA') : new InternalError(message);
    },
    async close() {
      await pool?.destroy();
    },
  };
}

export const isFatal = (error: unknown): boolean => error instanceof TaskgroupError && fatalCodes.has(error.code);
