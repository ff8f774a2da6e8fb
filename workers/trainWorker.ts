import { workerData } from 'piscina';
import { errorToWire } from '../src/errors.js';
import type { TrainReply, TrainRequest, TrainWorkerData } from '../src/pipeline/protocol.js';
import { trainerNamed, type ProxyTrainer } from '../src/proxy/trainers/index.js';

/**
 * The training worker (piscina loads it as each thread starts: compiled, or through
 * workers/train.mjs from the sources). It prepares its trainer at once, while the main thread
 * may still be loading the data; a trainer that cannot start answers every batch with
 * `{ ok: false }` (E_BACKEND), and a run that fails is answered with its error while the worker
 * lives on. Only the tfjs trainers load TensorFlow.js.
 */
const { trainer: name } = workerData as TrainWorkerData;

async function prepared(): Promise<ProxyTrainer> {
  const trainer = trainerNamed(name);
  await trainer.prepare();
  return trainer;
}

const ready = prepared();
ready.catch(() => undefined); // reported with the first batch, not as an unhandled rejection

export default async function train(request: TrainRequest): Promise<TrainReply> {
  try {
    const trainer = await ready;
    return { ok: true, results: await trainer.train(request.dataset, request.specs) };
  } catch (error) {
    return { ok: false, error: errorToWire(error) };
  }
}
