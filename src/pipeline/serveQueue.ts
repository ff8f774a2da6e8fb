import type { WorkerChoices } from '../config/workerChoices.js';
import type { TaskgroupError } from '../errors.js';
import { identityOf, queueNameOf, showIdentity } from '../queue/identity.js';
import { startQueueWorker, type ServingWorker, type WorkerEnd } from '../queue/queueWorker.js';
import { resolveTrainer } from '../proxy/trainers/index.js';
import { createPoolTrainer } from './pool.js';

export type { WorkerEnd };

export interface ServingQueue {
  /** Settles when the worker has stopped: after `stop`, with how it ended, or rejected with what stopped it (its backend). */
  done: Promise<WorkerEnd>;
  /** Takes no new run, finishes the runs in hand, leaves the queue. */
  stop(): Promise<void>;
}

/**
 * One `taskgroup worker`: serves the queue of its identity (tool version and trainer) on the
 * Redis server, training each run in a piscina pool of `concurrency` threads made per dataset.
 * Throws a UsageError naming the URL when the server cannot be reached.
 */
export async function serveQueue(
  choices: WorkerChoices,
  log: (line: string) => void,
): Promise<ServingQueue> {
  const trainer = resolveTrainer(choices.backend);
  const identity = identityOf(trainer);
  let finish!: (end: WorkerEnd) => void;
  let fail!: (error: TaskgroupError) => void;
  const done = new Promise<WorkerEnd>((resolve, reject) => ((finish = resolve), (fail = reject)));
  let serving: ServingWorker | undefined;
  const worker = (serving = await startQueueWorker({
    address: choices.redis,
    identity,
    concurrency: choices.concurrency,
    role: 'worker',
    trainer: createPoolTrainer(trainer.name, choices.concurrency),
    log,
    onFatal: (error) => void (serving?.close() ?? Promise.resolve()).finally(() => fail(error)),
  }));
  log(
    `serving ${choices.redis.shown}, queue ${queueNameOf(identity)} (${showIdentity(identity)}: ${trainer.name}), ${choices.concurrency} thread(s), as ${worker.id}`,
  );
  return {
    done,
    stop: async () => {
      finish(await worker.close());
    },
  };
}
