import { Command } from 'commander';
import { backendNames, defaultWorkers, forcedWorkerLimit } from '../config/runChoices.js';
import { resolveWorkerChoices, type WorkerFlags } from '../config/workerChoices.js';
import { InterruptedError } from '../errors.js';
import { stoppingLine, watchInterrupts } from './interrupt.js';

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
      const say = (line: string) => process.stderr.write(`taskgroup worker: ${line}\n`);
      const { serveQueue } = await import('../pipeline/serveQueue.js');
      const serving = await serveQueue(choices, (line) =>
        flags.quiet && line.startsWith('run ') ? undefined : say(line),
      );
      const interrupts = watchInterrupts(() => {
        say(stoppingLine('finishing the runs in hand'));
        void serving.stop();
      });
      let answered: boolean;
      try {
        answered = await serving.done;
      } finally {
        interrupts.dispose();
      }
      throw new InterruptedError(
        answered
          ? 'worker stopped; the runs it had started were finished and answered'
          : 'worker stopped with Redis out of reach; the runs it had started go back to the queue once Redis is back',
      );
    });
}
