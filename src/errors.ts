/**
 * Errors of taskgroup. Every error the user can cause is a UsageError (exit 2) whose message
 * is one line naming the file, column or flag at fault. Anything else is an internal error
 * (exit 1). The CLI maps `exitCode` to the process exit code; nothing else looks at it.
 * Errors cross threads as plain data (errorToWire in the worker, errorFromWire in the caller)
 * and arrive with the class and exit code their code stands for.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_DATA'
  | 'E_CONFIG'
  | 'E_TABLE'
  | 'E_NOT_FOUND'
  | 'E_BACKEND'
  | 'E_INTERRUPTED'
  | 'E_STORE'
  | 'E_FILE'
  | 'E_OUTAGE'
  | 'E_INSTALL'
  | 'E_INTERNAL';

export class TaskgroupError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad input or usage: exit code 2. */
export class UsageError extends TaskgroupError {
  constructor(message: string, code: ErrorCode = 'E_USAGE') {
    super(code, message, 2);
  }
}

/** The search was interrupted (Ctrl-C); its state is saved: exit code 130. */
export class InterruptedError extends TaskgroupError {
  constructor(message: string) {
    super('E_INTERRUPTED', message, 130);
  }
}

/** A failure of ours or of the machine, not the user's input: exit code 1. */
export class InternalError extends TaskgroupError {
  constructor(message: string, code: ErrorCode = 'E_INTERNAL') {
    super(code, message, 1);
  }
}

export const dataError = (message: string): UsageError => new UsageError(message, 'E_DATA');
export const tableError = (message: string): UsageError => new UsageError(message, 'E_TABLE');

/**
 * The exit code each error code stands for: what an error that crossed from a worker thread
 * (which sends only its code and message) exits with. `E_BACKEND`, `E_STORE` and `E_FILE` are
 * the machine's or the input's fault (a backend that cannot start, a database this version cannot
 * read, a full disk, a folder without permission): 2, like every error the user can act on.
 * `E_OUTAGE` is a service out of reach for too long (Redis): 2, the search is interrupted and
 * resumes once it is back. `E_INSTALL` is taskgroup's own installation that is incomplete (see
 * installError): 1.
 */
const exitCodeByCode: Readonly<Record<ErrorCode, number>> = Object.freeze({
  E_USAGE: 2,
  E_DATA: 2,
  E_CONFIG: 2,
  E_TABLE: 2,
  E_NOT_FOUND: 2,
  E_BACKEND: 2,
  E_STORE: 2,
  E_FILE: 2,
  E_OUTAGE: 2,
  E_INTERRUPTED: 130,
  E_INSTALL: 1,
  E_INTERNAL: 1,
});

/** A TaskgroupError as plain data, to cross a thread boundary (a worker's failed answer). */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/** An error as a worker sends it: its code and message (an error not of ours is E_INTERNAL). */
export function errorToWire(error: unknown): WireError {
  if (error instanceof TaskgroupError) return { code: error.code, message: error.message };
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** The error again on the receiving side: the class and exit code its code stands for. */
export function errorFromWire({ code, message }: WireError): TaskgroupError {
  const exitCode = exitCodeByCode[code];
  if (exitCode === 2) return new UsageError(message, code);
  if (exitCode === 130) return new InterruptedError(message);
  return new InternalError(message, code);
}

/**
 * An incomplete installation of taskgroup itself (a native module that was never built): exit 1.
 * Exit 2 tells a script "this command line or its inputs are at fault: change them"; nothing the
 * user passes can fix a missing build, and the same command is right once it is built. So it is
 * taskgroup that cannot run, exit 1, but with one line saying what is missing and the command
 * that fixes it instead of "internal error".
 */
export const installError = (message: string): InternalError =>
  new InternalError(message, 'E_INSTALL');

/** What each file-system error code means, in words a user can act on. */
const fileProblems: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device (the disk is full)',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'input/output error (a failing disk or network share)',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EEXIST: 'already exists',
});

/**
 * A file-system error (an errno code such as ENOSPC) as one line naming what failed, exit 2:
 * `fileProblem('--out report.md', error)` → `--out report.md: permission denied`. Returns
 * undefined for anything that is not a known file-system error, which stays what it was.
 */
export function fileProblem(what: string, error: unknown, doing = ''): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const phrase = typeof code === 'string' ? fileProblems[code] : undefined;
  if (phrase === undefined) return undefined;
  return new UsageError(`${what}: ${doing === '' ? '' : `cannot ${doing}: `}${phrase}`, 'E_FILE');
}
