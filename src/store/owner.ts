import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a run's claim: "host:pid:start:nonce", where start is when the process started
 * (Linux /proc; empty elsewhere). A claim whose process is gone is stale: its run goes back to
 * pending, so a kill -9 never leaves a run stuck. The start time tells a live holder from an
 * unrelated process that was later given the same pid, which would otherwise hold the claim
 * forever. Claims written as "host:pid:nonce" are judged by the pid alone.
 */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${startTime(process.pid) ?? ''}:${randomBytes(4).toString('hex')}`;
}

export function ownerIsAlive(owner: string | null): boolean {
  if (!owner) return false;
  const parts = owner.split(':');
  const [host, pidText] = parts;
  if (host !== hostname()) return true; // another machine's claim: trust it
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!pidExists(pid)) return false;
  const claimedStart = parts.length >= 4 ? parts[2] : '';
  const start = claimedStart === '' ? undefined : startTime(pid);
  return start === undefined || start === claimedStart;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks after boot), or undefined off Linux. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
