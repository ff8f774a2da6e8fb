import type { ProxyTrainer } from '../proxy/trainers/index.js';
import { toolVersion } from '../version.js';

/**
 * What a run's losses depend on besides its key: the tool's version and the numeric identity of
 * the trainer that computes them (proxy/trainers: trainers of one identity give bitwise the same
 * losses). A worker takes only jobs of its own identity: each identity has its own queue, and a
 * job that reaches the wrong one is refused.
 */
export interface TrainerIdentity {
  version: string;
  trainer: string;
}

export const identityOf = (trainer: ProxyTrainer): TrainerIdentity => ({
  version: toolVersion,
  trainer: trainer.identity,
});

export const sameIdentity = (a: TrainerIdentity, b: TrainerIdentity): boolean =>
  a.version === b.version && a.trainer === b.trainer;

export const showIdentity = (id: TrainerIdentity): string =>
  `taskgroup ${id.version}, trainer ${id.trainer}`;

/** The BullMQ queue of one identity (queue names may not hold ':'). */
export const queueNameOf = (id: TrainerIdentity): string =>
  `runs-${id.version}-${id.trainer}`.replaceAll(':', '_');
