import { Command } from 'commander';
import { solveCommand } from '../../src/cli/solve.js';
import { solveJob } from '../../src/pipeline/solveTable.js';
import { TaskgroupError } from '../../src/errors.js';

/**
 * Runs `solve ARGS` in-process, solving in this thread (the CLI's worker thread only adds
 * Ctrl-C handling, which test/cli covers); returns stdout, or the exit code and message of an
 * error.
 */
export async function runSolveCli(
  args: string[],
): Promise<{ stdout: string; exitCode: number; message: string }> {
  const out: string[] = [];
  const program = new Command().exitOverride().addCommand(
    solveCommand(
      (s) => out.push(s),
      async (job) => solveJob(job),
    ),
  );
  try {
    await program.parseAsync(['solve', ...args], { from: 'user' });
    return { stdout: out.join(''), exitCode: 0, message: '' };
  } catch (err) {
    if (err instanceof TaskgroupError)
      return { stdout: out.join(''), exitCode: err.exitCode, message: err.message };
    throw err;
  }
}
