import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a run's claim: "host:pid:nonce". A claim whose process is gone (same host, pid no
 * longer alive) is stale: its run goes back to pending, so a kill -9 never leaves a run stuck.
 */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export function ownerIsAlive(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return true; // another machine's claim: trust it
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
