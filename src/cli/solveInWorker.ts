import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SolveReply, SolveWorkerData } from '../../workers/protocol.js';
import { InternalError, TaskgroupError } from '../errors.js';
import { watchInterrupts } from './interrupt.js';
import type { SolveJob, SolveReport } from './solve.js';

/** The solve worker's entry (plain JS: see workers/train.mjs). */
const solveWorkerFile = fileURLToPath(new URL('../../workers/solve.mjs', import.meta.url));

/**
 * solveJob in a worker thread, so that this thread stays free to hear Ctrl-C. The first SIGINT
 * or SIGTERM raises a shared stop flag that the solver reads with its limits (every 256 nodes)
 * and calls `onStop`; the solver then returns its best answer with its proven bound (status
 * 'interrupted'). A second signal exits 130 at once. Errors arrive as they were thrown there:
 * a UsageError keeps its exit code and one-line message.
 */
export async function solveInWorker(job: SolveJob, onStop: () => void): Promise<SolveReport> {
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const interrupts = watchInterrupts(() => {
    Atomics.store(stop, 0, 1);
    onStop();
  });
  try {
    const reply = await runWorker({ job, stop: stop.buffer as SharedArrayBuffer });
    if (!reply.ok) throw new TaskgroupError(reply.error.code, reply.error.message, reply.error.exitCode);
    return reply.report;
  } finally {
    interrupts.dispose();
  }
}

/** Resolves with the worker's one reply; rejects if it fails or ends without one. */
function runWorker(data: SolveWorkerData): Promise<SolveReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(solveWorkerFile, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new InternalError(`the solve worker ended (exit code ${code}) without an answer`)));
  });
}
