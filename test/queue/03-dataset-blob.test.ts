import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { fetchDataset, publishDataset } from '../../src/queue/datasetBlob.js';
import { tinyDataset, withEmbeddings } from '../proxy/helpers.js';
import { redisServerMissing, startRedis, type RedisServer } from '../helpers/redisServer.js';

let server: RedisServer;
let redis: Redis;
before(async () => {
  if (redisServerMissing) return;
  server = await startRedis();
  redis = new Redis(server.url());
});
after(async () => {
  redis?.disconnect();
  await server?.stop();
});

test(
  'a dataset with embedded columns reaches a worker through Redis whole: its ids in shared memory beside its matrices',
  { skip: redisServerMissing },
  async () => {
    const plain = tinyDataset();
    const embedded = withEmbeddings(plain, [
      { column: 'user', dim: 4, rows: 50, used: 50 },
      { column: 'item', dim: 8, rows: 9, used: 9 },
    ]);
    for (const dataset of [plain, embedded]) {
      await publishDataset(redis, dataset);
      const fetched = await fetchDataset(redis, dataset.fingerprint);
      assert.deepEqual(fetched, dataset);
    }
    const { embed } = await fetchDataset(redis, embedded.fingerprint);
    assert.ok(embed!.trainIds.buffer instanceof SharedArrayBuffer);
  },
);
