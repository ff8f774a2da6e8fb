import { Redis } from 'ioredis';
import type { RedisAddress } from '../config/redisAddress.js';
import { UsageError } from '../errors.js';

/** How long a first connection may take before the server counts as unreachable. */
const connectTimeoutMs = 5_000;

/**
 * A long-lived connection for BullMQ and our own keys. `maxRetriesPerRequest: null` is what
 * BullMQ requires of a worker's connection: a command waits through a reconnection instead of
 * failing. ioredis reconnects on its own; the caller decides how long an outage may last. An
 * 'error' listener is required (an EventEmitter throws an unheard error); what it hears is
 * reported through `onError`, password removed.
 */
export function openRedis(
  address: RedisAddress,
  onError: (message: string) => void = () => {},
): Redis {
  const client = new Redis(address.url, {
    maxRetriesPerRequest: null,
    connectTimeout: connectTimeoutMs,
    lazyConnect: true,
  });
  client.on('error', (error: Error) => onError(address.redact(error.message)));
  return client;
}

/** Connects `client` (made by openRedis) or throws a UsageError naming the server and why. */
export async function connectRedis(address: RedisAddress, client: Redis): Promise<void> {
  let last: Error | undefined;
  const remember = (error: Error) => (last = error);
  client.on('error', remember);
  const timer = setTimeout(() => client.disconnect(), connectTimeoutMs * 2);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw unreachable(address, last ?? (error as Error));
  } finally {
    clearTimeout(timer);
    client.off('error', remember);
  }
}

/** Fails fast (exit 2, the URL named) when the server cannot be reached: checked before anything is written. */
export async function probeRedis(address: RedisAddress): Promise<void> {
  const client = new Redis(address.url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // connectRedis reports the cause
  try {
    await connectRedis(address, client);
  } finally {
    client.disconnect();
  }
}

/** The one-line reason a server could not be used, password removed. */
export function unreachable(address: RedisAddress, error: Error): UsageError {
  return new UsageError(`--redis ${address.shown}: ${address.redact(reasonOf(error))}`);
}

function reasonOf(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message;
  if (code === 'ECONNREFUSED')
    return 'cannot connect: nothing listens there (connection refused); is redis-server running?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'cannot connect: no such host';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'cannot connect: no answer in time';
  if (/^WRONGPASS/.test(message)) return 'authentication failed: wrong user name or password';
  if (/^NOAUTH/.test(message))
    return 'the server asks for a password: give it in the URL, redis://user:password@host:port';
  return `cannot use the server: ${message}`;
}
