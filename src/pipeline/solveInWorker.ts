import { Worker } from 'node:worker_threads';
import { errorFromWire, InternalError } from '../errors.js';
import { workerEntry } from '../packageFiles.js';
import type { SolveReply, SolveWorkerData } from './protocol.js';
import type { SolveJob, SolveReport } from './solveTable.js';

/** The solve worker's entry (compiled, or its tsx shim: see workers/train.mjs). */
const solveWorkerFile = workerEntry('solve');

/**
 * solveJob in a worker thread, so that the calling thread stays free to hear Ctrl-C: raising
 * `stop` (raiseStop) makes the solver return its best answer with its proven bound (status
 * 'interrupted'); it reads the flag with its limits, every 256 nodes. Errors arrive as they were
 * thrown there: a UsageError keeps its exit code and one-line message.
 */
export async function solveInWorker(job: SolveJob, stop: Int32Array): Promise<SolveReport> {
  const reply = await runWorker({ job, stop: stop.buffer as SharedArrayBuffer });
  if (!reply.ok) throw errorFromWire(reply.error);
  return reply.report;
}

/** Resolves with the worker's one reply; rejects if it fails or ends without one. */
function runWorker(data: SolveWorkerData): Promise<SolveReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(solveWorkerFile, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new InternalError(`the solve worker ended (exit code ${code}) without an answer`)),
    );
  });
}
