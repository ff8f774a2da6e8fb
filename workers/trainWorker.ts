import { workerData } from 'piscina';
import { errorToWire } from '../src/errors.js';
import {
  stopRaised,
  type TrainReply,
  type SettleRequest,
  type TrainRequest,
  type TrainWorkerData,
} from '../src/pipeline/protocol.js';
import { trainerNamed, type ProxyTrainer } from '../src/proxy/trainers/index.js';

/**
 * The training worker (piscina loads it as each thread starts: compiled, or through
 * workers/train.mjs from the sources). It prepares its trainer at once, while the main thread
 * may still be loading the data; a trainer that cannot start answers every batch with
 * `{ ok: false }` (E_BACKEND), and a run that fails is answered with its error while the worker
 * lives on. Only the tfjs trainers load TensorFlow.js. A run reads the search's stop flag once
 * per batch and, once it is raised, answers with an InterruptedError.
 */
const { trainer: name, stop: stopBuffer } = workerData as TrainWorkerData;
const stop = stopBuffer === undefined ? undefined : new Int32Array(stopBuffer);
const stopRequested = (): boolean => stop !== undefined && stopRaised(stop);

async function prepared(): Promise<ProxyTrainer> {
  const trainer = trainerNamed(name);
  await trainer.prepare();
  return trainer;
}

const ready = prepared();
ready.catch(() => undefined); // reported with the first batch, not as an unhandled rejection

export default async function train(request: TrainRequest | SettleRequest): Promise<TrainReply> {
  if ('settle' in request) {
    await ready.catch(() => undefined);
    return { ok: true, results: [] };
  }
  try {
    const trainer = await ready;
    return {
      ok: true,
      results: await trainer.train(request.dataset, request.specs, stopRequested),
    };
  } catch (error) {
    return { ok: false, error: errorToWire(error) };
  }
}
