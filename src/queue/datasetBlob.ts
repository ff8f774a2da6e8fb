import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sharedFloat32, sharedInt32 } from '../data/sharedRows.js';
import type { EncodedDataset } from '../data/types.js';
import { InternalError } from '../errors.js';
import { datasetChunkKey, datasetMetaKey } from './keys.js';

/**
 * The encoded dataset shipped through Redis, once per fingerprint: the coordinator publishes it,
 * each worker process fetches it on its first job of that fingerprint and keeps it in shared
 * memory for its threads. What travels is the encoded rows a proxy run reads (at most `--rows`
 * training rows and at most 50,000 validation rows), not the CSV: a 1 GB file of 64 features
 * and 4 tasks ships about 19 MB once per worker, never per run. Redis rather than a shared
 * path: workers need no shared disk, no copy of the file and no second encoding pass, and the
 * bytes come over the one authenticated connection they already have. Arrays go in chunks of
 * 8 MiB, so no single value blocks the server long; the keys expire an hour after the last
 * coordinator using them stopped refreshing them, so a finished search leaves nothing behind.
 */
const chunkBytes = 8 * 1024 * 1024;
export const datasetTtlSeconds = 3600;
const floatArrays = ['trainX', 'valX', 'trainY', 'valY'] as const;
/** The embedded columns' ids (int32), shipped when the dataset has embedded columns. */
const idArrays = ['trainIds', 'valIds'] as const;
type ArrayName = (typeof floatArrays)[number] | (typeof idArrays)[number];

/** Everything of the dataset but its arrays, their lengths, and a checksum of their bytes. */
interface DatasetMeta extends Omit<EncodedDataset, (typeof floatArrays)[number] | 'embed'> {
  /** The embedded columns without their ids. */
  embed?: Pick<NonNullable<EncodedDataset['embed']>, 'columns'>;
  lengths: Partial<Record<ArrayName, number>>;
  /** sha256 of the arrays' bytes in order (little-endian, as every supported CPU). */
  sha256: string;
}

const chunksOf = (length: number): number => Math.max(1, Math.ceil((length * 4) / chunkBytes));

function bytesOf(array: Float32Array | Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** The arrays a dataset ships, in order: its float matrices, then its ids when it has any. */
const arraysOf = (d: { embed?: unknown }): readonly ArrayName[] =>
  d.embed ? [...floatArrays, ...idArrays] : floatArrays;

function arrayOf(dataset: EncodedDataset, name: ArrayName): Float32Array | Int32Array {
  return name === 'trainIds' || name === 'valIds' ? dataset.embed![name] : dataset[name];
}

function chunkKeys(meta: Pick<DatasetMeta, 'fingerprint' | 'lengths' | 'embed'>): string[] {
  return arraysOf(meta).flatMap((name) =>
    Array.from({ length: chunksOf(meta.lengths[name]!) }, (_, i) =>
      datasetChunkKey(meta.fingerprint, name, i),
    ),
  );
}

/**
 * Makes `dataset` available to workers: writes it unless it is there already, and either way
 * renews its expiry. Chunks first, metadata last, so a reader never sees half a dataset.
 */
export async function publishDataset(redis: Redis, dataset: EncodedDataset): Promise<void> {
  if (await refreshDataset(redis, dataset.fingerprint)) return;
  const hash = createHash('sha256');
  const names = arraysOf(dataset);
  const lengths = Object.fromEntries(names.map((name) => [name, arrayOf(dataset, name).length]));
  for (const name of names) {
    const bytes = bytesOf(arrayOf(dataset, name));
    hash.update(bytes);
    const writes = redis.pipeline();
    for (let i = 0; i < chunksOf(lengths[name]); i++) {
      writes.set(
        datasetChunkKey(dataset.fingerprint, name, i),
        bytes.subarray(i * chunkBytes, (i + 1) * chunkBytes),
        'EX',
        datasetTtlSeconds,
      );
    }
    await writes.exec();
  }
  const { trainX, valX, trainY, valY, embed, ...described } = dataset;
  const meta: DatasetMeta = {
    ...described,
    ...(embed ? { embed: { columns: embed.columns } } : {}),
    lengths,
    sha256: hash.digest('hex'),
  };
  await redis.set(
    datasetMetaKey(dataset.fingerprint),
    JSON.stringify(meta),
    'EX',
    datasetTtlSeconds,
  );
}

/** Renews the expiry of a published dataset; false when it is not (or no longer) there. */
export async function refreshDataset(redis: Redis, fingerprint: string): Promise<boolean> {
  const text = await redis.get(datasetMetaKey(fingerprint));
  if (text === null) return false;
  const meta = JSON.parse(text) as DatasetMeta;
  const renew = redis.pipeline();
  for (const key of [datasetMetaKey(fingerprint), ...chunkKeys(meta)])
    renew.expire(key, datasetTtlSeconds);
  const replies = await renew.exec();
  return (replies ?? []).every(([error, renewed]) => error === null && renewed === 1);
}

/** Reads a published dataset into shared memory (checked against its sha256) for a worker's threads. */
export async function fetchDataset(redis: Redis, fingerprint: string): Promise<EncodedDataset> {
  const text = await redis.get(datasetMetaKey(fingerprint));
  const short = fingerprint.slice(0, 12);
  if (text === null)
    throw new InternalError(
      `dataset ${short} is not in Redis (its coordinator stopped over an hour ago?): resume the search to publish it again`,
    );
  const meta = JSON.parse(text) as DatasetMeta;
  const hash = createHash('sha256');
  const filled = {} as Record<ArrayName, Float32Array | Int32Array>;
  for (const name of arraysOf(meta)) {
    const length = meta.lengths[name]!;
    const ids = name === 'trainIds' || name === 'valIds';
    const array = ids ? sharedInt32(length) : sharedFloat32(length);
    const target = bytesOf(array);
    for (let i = 0; i < chunksOf(length); i++) {
      const chunk = await redis.getBuffer(datasetChunkKey(fingerprint, name, i));
      if (chunk === null)
        throw new InternalError(
          `dataset ${short} is incomplete in Redis (chunk ${name}:${i} expired): resume the search to publish it again`,
        );
      chunk.copy(target, i * chunkBytes);
      hash.update(chunk);
    }
    filled[name] = array;
  }
  if (hash.digest('hex') !== meta.sha256)
    throw new InternalError(`dataset ${short} arrived damaged from Redis (sha256 differs)`);
  const { lengths, sha256, embed, ...described } = meta;
  const [x, ids] = [filled as Record<string, Float32Array>, filled as Record<string, Int32Array>];
  return {
    ...described,
    ...{ trainX: x.trainX, valX: x.valX, trainY: x.trainY, valY: x.valY },
    ...(embed ? { embed: { ...embed, trainIds: ids.trainIds, valIds: ids.valIds } } : {}),
  };
}
