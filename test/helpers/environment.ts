import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';

/**
 * Broken environments for the CLI tests: a user without write permission, a full disk. Permission
 * checks do not apply to root, so as root these spawn the CLI as `nobody`; a tmpfs of a few
 * kilobytes stands in for a full disk where mounting is allowed (root). Each says when it cannot,
 * and the tests that need it skip.
 */
const isRoot = process.getuid?.() === 0;
const nobody = 65534;

/** Options for runCli that make the CLI run without the right to write where the test denies it. */
export function unprivileged(): { uid?: number; gid?: number } {
  return isRoot ? { uid: nobody, gid: nobody } : {};
}

/** Whether permission tests can run here: not root, or root able to run a process as nobody. */
export const permissionsApply: boolean =
  !isRoot || spawnSync(process.execPath, ['-e', '0'], { uid: nobody, gid: nobody }).status === 0;

/** Lets the unprivileged user read `paths` (and enter the folders among them). */
export function readableByAll(...paths: string[]): void {
  for (const path of paths) chmodSync(path, 0o755);
}

/** Mounts a tmpfs of `kilobytes` at `dir`; returns its unmount, or undefined when not allowed here. */
export function tinyDisk(dir: string, kilobytes: number): (() => void) | undefined {
  if (!isRoot) return undefined;
  mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir], {
    stdio: 'ignore',
  });
  if (mounted.status !== 0) return undefined;
  return () => execFileSync('umount', ['-l', dir]);
}

/** Fills the file system of `dir` to the last byte with one file, and returns its path. */
export function fillDisk(dir: string): string {
  const filler = `${dir}/filler`;
  spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' }); // stops at ENOSPC
  return filler;
}

/** sha256 of a file and of its -wal beside it: what a read-only command must leave as it was. */
export function fileState(file: string): string {
  const hash = (path: string) =>
    existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none';
  return `${hash(file)} ${hash(`${file}-wal`)}`;
}
