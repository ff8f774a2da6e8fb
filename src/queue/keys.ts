/**
 * Every Redis key taskgroup writes starts with `taskgroup:`: BullMQ's queues (its `prefix`),
 * the datasets the workers train on, the workers' heartbeats and the list of queues in use.
 */
export const keyPrefix = 'taskgroup';

/** A dataset's metadata (written last: its presence means every chunk is there). */
export const datasetMetaKey = (fingerprint: string): string =>
  `${keyPrefix}:data:${fingerprint}:meta`;

/** One chunk of one of a dataset's arrays. */
export const datasetChunkKey = (fingerprint: string, array: string, index: number): string =>
  `${keyPrefix}:data:${fingerprint}:${array}:${index}`;

/** Hash: worker id → its last heartbeat (JSON). */
export const workersKey = `${keyPrefix}:workers`;

/** Set of the queue names coordinators have used (one per trainer identity). */
export const queuesKey = `${keyPrefix}:queues`;
