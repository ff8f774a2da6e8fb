import { parentPort, workerData } from 'node:worker_threads';
import { solveJob } from '../src/cli/solve.js';
import { TaskgroupError } from '../src/errors.js';
import type { SolveReply, SolveWorkerData } from './protocol.js';

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
    return { ok: true, report: solveJob(job, () => Atomics.load(flag, 0) === 1) };
  } catch (error) {
    if (!(error instanceof TaskgroupError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, exitCode: error.exitCode } };
  }
}

parentPort?.postMessage(solveOnce(workerData as SolveWorkerData));
