import { parentPort, workerData } from 'node:worker_threads';
import { errorToWire, TaskgroupError } from '../src/errors.js';
import { stopRaised, type SolveReply, type SolveWorkerData } from '../src/pipeline/protocol.js';
import { solveJob } from '../src/pipeline/solveTable.js';

/**
 * One `taskgroup solve` in this thread: searches a prepared job (flags validated, table read)
 * until done or until the main thread raises the stop flag (read with every SearchBudget
 * check), then posts one SolveReply. A TaskgroupError (no answer serves every task, a table
 * unfit for --hoa, interrupted before any answer) is answered with ok:false; anything else is a
 * bug, left to reach the main thread as the worker's 'error' and reported as internal.
 */
function solveOnce({ job, stop }: SolveWorkerData): SolveReply {
  const flag = new Int32Array(stop);
  try {
    return { ok: true, report: solveJob(job, () => stopRaised(flag)) };
  } catch (error) {
    if (!(error instanceof TaskgroupError)) throw error;
    return { ok: false, error: errorToWire(error) };
  }
}

parentPort?.postMessage(solveOnce(workerData as SolveWorkerData));
