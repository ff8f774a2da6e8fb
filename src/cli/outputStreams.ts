import { fileProblem } from '../errors.js';

let guarded = false;

/**
 * What the command does when its output cannot be written. Standard output read by a program
 * that stopped reading (`taskgroup status | head -1`): the command's output is finished (every
 * command writes it last, after its work is stored), so it ends quietly with its exit code, 0
 * as `git log | head` does. Standard output that fails otherwise (a full disk behind
 * `> /dev/full`): one line on standard error and exit 2, since the output asked for is lost.
 * Standard error closed or failing (`2>&-`, `2>/dev/full`, a terminal that hung up): progress
 * lines and warnings are lost, and nothing else is; a search goes on and stays resumable.
 * Without these listeners an unheard 'error' event would end the process with a stack trace.
 */
export function guardOutputStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const problem = fileProblem('standard output', error, 'write the output');
    process.stderr.write(`taskgroup: ${problem?.message ?? error.message}\n`);
    process.exit(2);
  });
  process.stderr.on('error', () => {
    // Deliberately ignored: see above. The command's exit code still tells its outcome.
  });
}
