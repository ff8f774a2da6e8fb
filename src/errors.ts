/**
 * Errors of taskgroup. Every error the user can cause is a UsageError (exit 2) whose message
 * is one line naming the file, column or flag at fault. Anything else is an internal error
 * (exit 1). The CLI maps `exitCode` to the process exit code; nothing else looks at it.
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
