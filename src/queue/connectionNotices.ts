import type { Redis } from 'ioredis';
import type { RedisAddress } from '../config/redisAddress.js';

/**
 * One line when the connection to Redis drops and one when it is back, instead of ioredis's
 * error at every reconnection attempt. `on.down`/`on.up` let the caller time the outage.
 * `heard` reports an error heard elsewhere (BullMQ's own connections); after `quiet`, a close
 * is the caller's own and says nothing.
 */
export function watchConnection(
  redis: Redis,
  address: RedisAddress,
  log: (line: string) => void,
  on: { down?: () => void; up?: () => void } = {},
): { heard: (error: Error) => void; quiet: () => void } {
  let down = false;
  let closing = false;
  const lost = (error: Error) => {
    if (down || closing) return;
    down = true;
    log(`lost the connection to ${address.shown} (${address.redact(error.message)}); reconnecting`);
    on.down?.();
  };
  redis.on('error', lost);
  redis.on('close', () => lost(new Error('connection closed')));
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log(`connected to ${address.shown} again`);
    on.up?.();
  });
  return { heard: lost, quiet: () => void (closing = true) };
}
