import { Command } from 'commander';
import { backendNames, defaultWorkers, forcedWorkerLimit } from '../config/runChoices.js';
import { resolveWorkerChoices, type WorkerFlags } from '../config/workerChoices.js';
import { InterruptedError } from '../errors.js';
import { shownText } from '../report/escape.js';
import type { WorkerEnd } from '../pipeline/serveQueue.js';
import { stoppingLine, watchInterrupts } from './interrupt.js';

/** What a stopped worker says of the runs it had: answered, lost with their jobs, or back in the queue. */
function stoppedLine(end: WorkerEnd): string {
  if (!end.reachable)
    return 'worker stopped with Redis out of reach; the runs it had started go back to the queue once Redis is back';
  if (end.unanswered > 0)
    return `worker stopped; ${end.unanswered} run(s) it trained could not be answered, their jobs having vanished from Redis (flushed or restarted): their searches queue them again`;
  return 'worker stopped; the runs it had started were finished and answered';
}

/**
 * `taskgroup worker --redis URL`: trains proxy runs from the queue until stopped. Ctrl-C once:
 * takes no new run, finishes the runs in hand, exits 130; twice: exits at once (the runs in
 * hand go back to the queue when their lock lapses and another worker trains them).
 */
export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'train proxy runs from a Redis queue for searches started with --redis, on this machine',
    )
    .option('--redis <url>', 'Redis server of the queue: redis://[user:password@]host[:port][/db]')
    .option(
      '--concurrency <n>',
      `runs trained at once, one thread each, at most this machine's parallelism (${defaultWorkers()}) unless --force (default: all of them)`,
    )
    .option(
      '--force',
      `allow more --concurrency than this machine has cores (at most ${forcedWorkerLimit})`,
    )
    .option(
      '--backend <name>',
      `trainer: ${backendNames.join('|')} (default auto: the fastest available)`,
    )
    .option('--quiet', 'no line per run on stderr')
    .action(async (flags: WorkerFlags & { quiet?: boolean }) => {
      const choices = resolveWorkerChoices(flags);
      // Lines name the runs' tasks and the server's answers: shown, never acted on.
      const say = (line: string) => process.stderr.write(`taskgroup worker: ${shownText(line)}\n`);
      const { serveQueue } = await import('../pipeline/serveQueue.js');
      const serving = await serveQueue(choices, (line) =>
        flags.quiet && line.startsWith('run ') ? undefined : say(line),
      );
      const interrupts = watchInterrupts(() => {
        say(stoppingLine('finishing the runs in hand'));
        void serving.stop();
      });
      let end: WorkerEnd;
      try {
        end = await serving.done;
      } finally {
        interrupts.dispose();
      }
      throw new InterruptedError(stoppedLine(end));
    });
}
