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
 * (which sends only its code and message) exits with. `E_BACKEND` and `E_STORE` are the
 * machine's or the input's fault (a backend that cannot start, a database this version cannot
 * read): 2, like every error the user can act on.
 */
const exitCodeByCode: Readonly<Record<ErrorCode, number>> = Object.freeze({
  E_USAGE: 2,
  E_DATA: 2,
  E_CONFIG: 2,
  E_TABLE: 2,
  E_NOT_FOUND: 2,
  E_BACKEND: 2,
  E_STORE: 2,
  E_INTERRUPTED: 130,
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
