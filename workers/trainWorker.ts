import * as tf from '@tensorflow/tfjs';
import { workerData } from 'piscina';
import { errorToWire, InternalError } from '../src/errors.js';
import { stopRaised, type TrainReply, type TrainRequest, type TrainWorkerData } from '../src/pipeline/protocol.js';
import { initBackend } from '../src/proxy/backend.js';
import { trainRuns } from '../src/proxy/trainRuns.js';

/**
 * The training worker's implementation (loaded by workers/train.mjs). The backend is
 * initialised and asserted once, before the first run; a run that fails is answered with
 * `{ ok: false }` and the worker lives on. Tensors are freed inside each run; the check below
 * turns a leak into a failed answer instead of a slowly dying worker. A run reads the search's
 * stop flag once per batch and, once it is raised, answers with an InterruptedError.
 */
const data = workerData as TrainWorkerData;
const stop = data.stop === undefined ? undefined : new Int32Array(data.stop);
const stopRequested = (): boolean => stop !== undefined && stopRaised(stop);
let backend: Promise<string> | undefined;

export default async function train(request: TrainRequest): Promise<TrainReply> {
  try {
    backend ??= initBackend(data.backend);
    await backend;
    const tensorsBefore = tf.memory().numTensors;
    const results = await trainRuns(data.dataset, request.specs, stopRequested);
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0) throw new InternalError(`training leaked ${leaked} tensors`);
    return { ok: true, results };
  } catch (error) {
    return { ok: false, error: errorToWire(error) };
  }
}
