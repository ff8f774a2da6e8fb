import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { Piscina } from 'piscina';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import { resolveTrainer } from '../../src/proxy/trainers/index.js';
import { trainWorkerFile } from '../../src/proxy/workerPath.js';
import { createPoolTrainer, settled } from '../../src/pipeline/pool.js';
import type { TrainReply } from '../../src/pipeline/protocol.js';
import { run, tinyDataset } from './helpers.js';

const dataset = tinyDataset();
const pool = new Piscina({
  filename: trainWorkerFile,
  workerData: { trainer: resolveTrainer('wasm').name },
  maxThreads: 1,
});
after(() => pool.destroy());

test('the worker trains with the trainer it is named and answers what this thread computes', async () => {
  const reply = (await pool.run({ dataset, specs: [run([0, 1])] })) as TrainReply;
  assert.ok(reply.ok, JSON.stringify(reply));
  assert.equal(
    reply.results[0].backend,
    kernelArena().build.name,
    'the worker runs the build this thread runs',
  );
  const [here] = await trainRuns(dataset, [run([0, 1])]);
  assert.deepEqual(reply.results[0].losses, here.losses);
});

test('a bad spec is answered with ok:false and the worker lives on', async () => {
  const bad = (await pool.run({ dataset, specs: [run([7])] })) as TrainReply;
  assert.deepEqual(bad, {
    ok: false,
    error: { code: 'E_USAGE', message: 'run 7@1: task index 7 is not in 0..2' },
  });
  const good = (await pool.run({ dataset, specs: [run([2])] })) as TrainReply;
  assert.ok(good.ok);
});

test(
  'a worker whose trainer cannot start answers every run with ok:false E_BACKEND',
  { skip: resolvesNode() },
  async () => {
    const broken = new Piscina({
      filename: trainWorkerFile,
      workerData: { trainer: 'tfjs-node' },
      maxThreads: 1,
    });
    try {
      const reply = (await broken.run({ dataset, specs: [run([0])] })) as TrainReply;
      assert.equal(reply.ok, false);
      if (!reply.ok) {
        assert.equal(reply.error.code, 'E_BACKEND');
        assert.match(reply.error.message, /--backend node/);
      }
    } finally {
      await broken.destroy();
    }
  },
);

/** A skip reason when tfjs-node loads here (its worker then starts). */
function resolvesNode(): string | false {
  try {
    resolveTrainer('node');
    return 'tfjs-node is installed';
  } catch {
    return false;
  }
}

test('the worker loads under a plain node parent that registered tsx only for itself', () => {
  const script = fileURLToPath(new URL('./fixtures/plainNodePool.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8' }); // no --import tsx
  const reply = JSON.parse(out) as TrainReply;
  assert.ok(reply.ok, out);
  assert.equal(reply.results[0].backend, kernelArena().build.name);
});

test('a thread answers a settle request once it has started, with no results', async () => {
  assert.deepEqual(await pool.run({ settle: true }), { ok: true, results: [] });
});

test('closing a pool first waits until every thread has answered a settle request', async () => {
  const asked: ((reply: TrainReply) => void)[] = [];
  const threads = {
    run: () => new Promise<TrainReply>((resolve) => asked.push(resolve)),
  } as unknown as Parameters<typeof settled>[0];
  let done = false;
  const closing = settled(threads, 3).then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(asked.length, 3, 'one settle request per thread');
  asked.slice(0, 2).forEach((answer) => answer({ ok: true, results: [] }));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(done, false, 'not before the last thread answered');
  asked[2]({ ok: true, results: [] });
  await closing;
  // And a real pool started and closed at once ends cleanly, each time.
  for (let i = 0; i < 3; i++) {
    const trainer = createPoolTrainer(resolveTrainer('wasm').name, 2);
    trainer.start?.();
    await trainer.close();
  }
});
