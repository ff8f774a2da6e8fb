import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A real `redis-server` (Debian's package; `.ci/run` installs it) on a free localhost port, for
 * the tests of the run queue. Nothing is saved to disk; the caller stops it (in an `after` hook).
 */
export const redisServerMissing: string | false =
  spawnSync('redis-server', ['--version']).status === 0
    ? false
    : 'redis-server is not installed (apt-get install redis-server)';

export interface RedisServer {
  port: number;
  pid: number;
  /** The URL to give --redis, password included when the server has one. */
  url(db?: number): string;
  stop(): Promise<void>;
}

/** A localhost port nothing listens on (at the moment of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (options.password) args.push('--requirepass', options.password);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start on port ${port}: ${output}`)),
      10_000,
    );
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  const server: RedisServer = {
    port,
    pid: child.pid!,
    url: (db = 0) =>
      `redis://${options.password ? `:${options.password}@` : ''}127.0.0.1:${port}/${db}`,
    stop: () => stopChild(child),
  };
  return server;
}

/** Stops a child process (SIGTERM, then SIGKILL after 5 s) and waits for it. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
