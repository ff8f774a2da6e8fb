import { CommanderError } from 'commander';
import { TaskgroupError } from '../errors.js';
import { buildProgram } from './program.js';

/**
 * Runs the command line and returns the exit code: 0 success, 2 bad input or usage (one line on
 * stderr, no stack trace), 1 internal error, 130 interrupted. Never calls process.exit itself.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    return exitCodeOf(error);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message; help and version are not errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof TaskgroupError) {
    process.stderr.write(`taskgroup: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (process.env.TASKGROUP_DEBUG ? error.stack : error.message) : String(error);
  process.stderr.write(`taskgroup: internal error: ${detail}\n`);
  return 1;
}
