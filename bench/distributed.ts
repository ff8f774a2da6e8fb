/**
 * bench:distributed — one search trained by the local pool and by `taskgroup worker` processes
 * over a real redis-server, on this machine, timed in one invocation.
 *
 *   npm run bench:distributed [-- --json] [--data FILE] [--tasks LIST] [--seeds N] [--epochs N]
 *
 * Defaults: examples/recsys.csv, its seven tasks, 3 seeds, 8 epochs (84 singles and pairs, plus
 * the runs that verify groups of three or more). Each configuration trains the same search in a
 * fresh SQLite database (nothing cached) and its own Redis database number:
 *   local 1 / local 2  the piscina pool of this process, 1 and 2 threads (the reference: local 1);
 *   queue 1 / queue 2  this process coordinates (--workers 0) and 1 or 2 worker processes,
 *                      one thread each, train; they are started and connected before timing.
 *   queue 2×1          queue 2 with one run per job (short runs share jobs in the others).
 * Timed: from the search's start (plan written) to its result, so data loading and process start
 * are left out of every row alike. The coordinator's CPU time is this process's (it trains nothing
 * in the queue rows); Redis's CPU time is read from /proc. Then the data shipping: the encoded
 * dataset's bytes, and the time to publish it and to fetch it once, as a worker does.
 * --smoke: 3 tasks, 2 seeds, proxy runs of 400 rows and one epoch, the same four configurations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { resolveSearchConfig, type SearchConfig } from '../src/config/searchConfig.js';
import { loadDataset } from '../src/data/index.js';
import { runSearch } from '../src/pipeline/runSearch.js';
import { fetchDataset, publishDataset } from '../src/queue/datasetBlob.js';
import { batchLimit } from '../src/queue/runBatches.js';
import { binPath } from '../test/helpers/cli.js';
import { startRedis, stopChild, type RedisServer } from '../test/helpers/redisServer.js';
import { benchFlags, runBench, SMOKE_NOTE } from './flags.js';

const RECSYS_TASKS = 'click,like,share,watch_time,finish,purchase,revenue';
const flags = benchFlags('distributed', {
  json: { type: 'boolean' },
  data: { type: 'string', default: 'examples/recsys.csv' },
  tasks: { type: 'string' },
  seeds: { type: 'string' },
  epochs: { type: 'string' },
});
const args = {
  ...flags.values,
  tasks: flags.values.tasks ?? (flags.smoke ? 'click,like,share' : RECSYS_TASKS),
  seeds: String(flags.int('seeds') ?? (flags.smoke ? 2 : 3)),
  epochs: String(flags.int('epochs') ?? (flags.smoke ? 1 : 8)),
};
/** The smoke run's proxy runs: a few steps each. */
const smokeProxy = flags.smoke ? { rows: '400', minSteps: '0' } : {};

interface Row {
  config: string;
  workerProcesses: number;
  runs: number;
  seconds: number;
  speedup: number;
  coordinatorCpuSeconds: number | null;
  coordinatorCpuMsPerRun: number | null;
  redisCpuMsPerRun: number | null;
}

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-distributed-'));
const ticksPerSecond = 100; // Linux USER_HZ, the unit of /proc/PID/stat times

function redisCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime
}

const configOf = (extra: { workers: string; redis?: string }): SearchConfig =>
  resolveSearchConfig({
    data: args.data,
    tasks: args.tasks,
    seeds: args.seeds,
    epochs: args.epochs,
    backend: 'wasm',
    ...smokeProxy,
    ...extra,
  });

/** Starts a `taskgroup worker` of one thread and waits until it serves the queue. */
function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [binPath, 'worker', '--redis', url, '--concurrency', '1', '--backend', 'wasm', '--quiet'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log += d;
      if (log.includes('serving')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${log}`)));
  });
}

/** One search, timed from its start to its result; the coordinator's and Redis's CPU over the same span. */
async function timeSearch(config: SearchConfig, name: string, redis: RedisServer) {
  let started = 0;
  let cpu = process.cpuUsage();
  let redisCpu = 0;
  const result = await runSearch(config, join(dir, `${name}.db`), {
    stop: { requested: false },
    onStart: () => {
      started = performance.now();
      cpu = process.cpuUsage();
      redisCpu = redisCpuSeconds(redis.pid);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    runs: result.runs.trained,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    redisCpuSeconds: redisCpuSeconds(redis.pid) - redisCpu,
  };
}

async function measure(
  redis: RedisServer,
  name: string,
  workerProcesses: number,
  db: number,
): Promise<Omit<Row, 'speedup'>> {
  const url = redis.url(db);
  const workers = await Promise.all(
    Array.from({ length: workerProcesses }, () => startWorker(url)),
  );
  try {
    const config = configOf(
      workerProcesses === 0
        ? { workers: name.endsWith('2') ? '2' : '1' }
        : { workers: '0', redis: url },
    );
    const t = await timeSearch(config, name, redis);
    const queued = workerProcesses > 0;
    return {
      config: name,
      workerProcesses,
      runs: t.runs,
      seconds: t.seconds,
      coordinatorCpuSeconds: queued ? t.cpuSeconds : null,
      coordinatorCpuMsPerRun: queued ? (1000 * t.cpuSeconds) / t.runs : null,
      redisCpuMsPerRun: queued ? (1000 * t.redisCpuSeconds) / t.runs : null,
    };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w, 'SIGINT')));
  }
}

/** The encoded dataset a worker fetches once: its size, and the time to publish and to fetch it. */
async function shipping(redis: RedisServer) {
  const config = configOf({ workers: '1' });
  const dataset = await loadDataset({
    file: config.dataFile,
    tasks: config.tasks,
    valFraction: config.valFraction,
    splitSeed: config.seed,
    maxTrainRows: config.proxy.rows,
  });
  const client = new Redis(redis.url(9));
  try {
    let t = performance.now();
    await publishDataset(client, dataset);
    const publishMs = performance.now() - t;
    t = performance.now();
    await fetchDataset(client, dataset.fingerprint);
    const fetchMs = performance.now() - t;
    const bytes = [dataset.trainX, dataset.valX, dataset.trainY, dataset.valY].reduce(
      (sum, a) => sum + a.byteLength,
      0,
    );
    return {
      bytes,
      trainRows: dataset.trainRows,
      valRows: dataset.valRows,
      dim: dataset.dim,
      publishMs,
      fetchMs,
    };
  } finally {
    client.disconnect();
  }
}

const fmt = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));

function print(rows: Row[], ship: Awaited<ReturnType<typeof shipping>>, load: string): void {
  if (flags.smoke) console.log(SMOKE_NOTE);
  console.log(
    `search: ${args.data}, tasks ${args.tasks}, ${args.seeds} seeds, ${args.epochs} epochs, wasm backend (kernels); measured, load average ${load}`,
  );
  console.log(
    'config    worker processes  runs  seconds  speed-up vs local 1  coordinator CPU s  coordinator CPU ms/run  redis CPU ms/run',
  );
  for (const r of rows) {
    console.log(
      `${r.config.padEnd(9)} ${String(r.workerProcesses).padStart(16)}  ${String(r.runs).padStart(4)}  ${fmt(r.seconds, 2).padStart(7)}  ${(fmt(r.speedup, 2) + '×').padStart(19)}  ${fmt(r.coordinatorCpuSeconds, 2).padStart(17)}  ${fmt(r.coordinatorCpuMsPerRun, 2).padStart(22)}  ${fmt(r.redisCpuMsPerRun, 2).padStart(16)}`,
    );
  }
  const [l1, l2, q1, q2, single] = rows;
  const perCpuSecond = (r: Row) => fmt(r.runs / r.coordinatorCpuSeconds!, 0);
  console.log(
    `coordinator: ${perCpuSecond(q2)} runs per CPU second with short runs sharing jobs (queue 2), ${perCpuSecond(single)} with one run per job (queue 2×1)`,
  );
  console.log(
    `queue 2 over queue 1: ${(q1.seconds / q2.seconds).toFixed(2)}× (target ≥ 1.8×); local 2 over local 1, what a second core gives now: ${(l1.seconds / l2.seconds).toFixed(2)}×`,
  );
  console.log(
    `data shipped once per worker: ${(ship.bytes / 1e6).toFixed(2)} MB (${ship.trainRows} + ${ship.valRows} rows × ${ship.dim} features and labels); publish ${ship.publishMs.toFixed(0)} ms, fetch ${ship.fetchMs.toFixed(0)} ms (localhost)`,
  );
}

const defaultLimit = batchLimit.runs;
const loadNow = (): string => loadavg()[0].toFixed(1);

async function main(): Promise<void> {
  const redis = await startRedis();
  const loadBefore = loadNow();
  try {
    const plan: [string, number][] = [
      ['local 1', 0],
      ['local 2', 0],
      ['queue 1', 1],
      ['queue 2', 2],
      ['queue 2×1', 2],
    ];
    const measured: Omit<Row, 'speedup'>[] = [];
    for (const [index, [name, processes]] of plan.entries()) {
      // The last row: one run per job, as before short runs shared jobs (runBatches.ts).
      batchLimit.runs = name.endsWith('×1') ? 1 : defaultLimit;
      measured.push(await measure(redis, name, processes, index + 1));
    }
    batchLimit.runs = defaultLimit;
    const reference = measured[0].seconds;
    const rows = measured.map((r) => ({ ...r, speedup: reference / r.seconds }));
    const ship = await shipping(redis);
    const load = `${loadBefore} at the start, ${loadNow()} at the end (${availableParallelism()} cores)`;
    if (args.json) console.log(JSON.stringify({ smoke: flags.smoke, rows, shipping: ship, load }));
    else print(rows, ship, load);
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await runBench('distributed', main);
