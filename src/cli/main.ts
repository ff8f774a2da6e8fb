import { CommanderError } from 'commander';
import { TaskgroupError } from '../errors.js';
import { shownText } from '../report/escape.js';
import { guardOutputStreams } from './outputStreams.js';
import { buildProgram } from './program.js';

/**
 * Runs the command line and returns the exit code: 0 success, 2 bad input or usage (one line on
 * stderr, no stack trace), 1 internal error, 130 interrupted. Never calls process.exit itself.
 * Messages quote the user's names and values (a column, a path), so they are written with
 * shownText: one line, and nothing in them acts on the terminal.
 */
export async function main(argv: string[]): Promise<number> {
  guardOutputStreams();
  try {
    const program = buildProgram();
    // Bare `taskgroup` asks what it can do: the help, on stdout, and no error.
    if (argv.length <= 2) program.outputHelp();
    else await program.parseAsync(argv);
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
    process.stderr.write(`taskgroup: ${shownText(error.message)}\n`);
    return error.exitCode;
  }
  if (process.env.TASKGROUP_DEBUG && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`taskgroup: internal error: ${shownText(detail)}\n`);
  return 1;
}
