import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openStore, newOwner, type RunIdentity } from '../../src/store/index.js';
import { tempDir } from '../helpers/tempDir.js';

const run = (key: string): RunIdentity => ({
  key,
  fingerprint: 'fp',
  tasks: ['a'],
  seed: 0,
  settings: {},
});

test('a claimed run cannot be claimed by another live owner, and a done run is never claimed again', () => {
  const store = openStore(join(tempDir(), 'r.db'));
  const me = newOwner();
  const other = `${me.split(':')[0]}:${process.pid}:other`; // same live process: a live claim
  assert.equal(store.runs.claim(run('k'), me, 3), 'claimed');
  assert.equal(store.runs.claim(run('k'), other, 3), 'busy');
  store.runs.finish('k', { losses: [0.5], backend: 'wasm', trainMs: 10 });
  assert.equal(store.runs.claim(run('k'), other, 3), 'done');
  assert.deepEqual(store.runs.find('k')?.losses, [0.5]);
  store.close();
});

test('a claim left by a dead process is stale and can be taken over', async () => {
  const store = openStore(join(tempDir(), 'stale.db'));
  const child = spawn(process.execPath, ['-e', '0']);
  const deadPid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  const host = newOwner().split(':')[0];
  assert.equal(store.runs.claim(run('k'), `${host}:${deadPid}:gone`, 3), 'claimed');
  assert.equal(store.runs.claim(run('k'), newOwner(), 3), 'claimed');
  assert.equal(store.runs.find('k')?.attempts, 1, 'the dead process spent no attempt');
  store.close();
});

test('a run whose process is killed again and again keeps its retries', async () => {
  const store = openStore(join(tempDir(), 'killed.db'));
  const host = newOwner().split(':')[0];
  for (let kill = 0; kill < 5; kill++) {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(store.runs.claim(run('k'), `${host}:${child.pid}::gone${kill}`, 2), 'claimed');
  }
  const me = newOwner();
  assert.equal(store.runs.claim(run('k'), me, 2), 'claimed');
  store.runs.fail('k', 'boom');
  assert.equal(store.runs.claim(run('k'), me, 2), 'claimed', 'one failure of two allowed');
  store.close();
});

test('a claim whose pid now belongs to another process (pid reuse) is stale', () => {
  const store = openStore(join(tempDir(), 'reuse.db'));
  const [host, pid, start] = newOwner().split(':');
  assert.ok(start !== '', 'this platform has /proc');
  // This very process, with another start time: the pid lives, the claimant does not.
  assert.equal(store.runs.claim(run('k'), `${host}:${pid}:${Number(start) - 1}:old`, 3), 'claimed');
  assert.equal(store.runs.claim(run('k'), newOwner(), 3), 'claimed');
  // The same start time: the claimant lives, and its claim is respected.
  assert.equal(store.runs.claim(run('j'), `${host}:${pid}:${start}:other`, 3), 'claimed');
  assert.equal(store.runs.claim(run('j'), newOwner(), 3), 'busy');
  store.close();
});

test('a run that failed as often as allowed is exhausted, not retried', () => {
  const store = openStore(join(tempDir(), 'fail.db'));
  const me = newOwner();
  for (let attempt = 0; attempt < 2; attempt++) {
    assert.equal(store.runs.claim(run('k'), me, 2), 'claimed');
    store.runs.fail('k', 'boom');
  }
  assert.equal(store.runs.claim(run('k'), me, 2), 'exhausted');
  assert.equal(store.runs.find('k')?.error, 'boom');
  store.close();
});

test('releasing an owner puts its unfinished runs back to pending without spending an attempt', () => {
  const store = openStore(join(tempDir(), 'release.db'));
  const me = newOwner();
  store.runs.claim(run('a'), me, 3);
  store.runs.claim(run('b'), me, 3);
  store.runs.finish('b', { losses: [1], backend: 'wasm', trainMs: 1 });
  assert.equal(store.runs.release(me), 1);
  assert.equal(store.runs.find('a')?.status, 'pending');
  assert.equal(store.runs.find('a')?.attempts, 0);
  assert.equal(store.runs.find('b')?.status, 'done');
  store.close();
});

test('four processes claiming the same keys on one file never get the same key twice', async () => {
  const dir = tempDir();
  const file = join(dir, 'race.db');
  openStore(file).close();
  const script = `
    import { openStore, newOwner } from './src/store/index.ts';
    const store = openStore(${JSON.stringify(file)});
    const me = newOwner(); const mine = [];
    for (let i = 0; i < 60; i++) {
      const key = 'k' + i;
      if (store.runs.claim({ key, fingerprint: 'f', tasks: ['a'], seed: 0, settings: {} }, me, 3) === 'claimed') {
        mine.push(key); store.runs.finish(key, { losses: [i], backend: 'x', trainMs: 0 });
      }
    }
    store.close(); console.log(JSON.stringify(mine));`;
  const claims = await Promise.all(
    [0, 1, 2, 3].map(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', script],
            { cwd: process.cwd() },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (err += d));
          child.on('exit', (code) =>
            code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err)),
          );
        }),
    ),
  );
  const all = claims.flat();
  assert.equal(all.length, 60, 'every key trained once');
  assert.equal(new Set(all).size, 60, 'no key trained twice');
  const store = openStore(file);
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  store.close();
});
