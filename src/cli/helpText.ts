import { Option, type Command } from 'commander';

/**
 * What `--help` adds after each command's options: a few commands to copy, and the exit codes
 * every command shares. Kept here, once, so the commands' files stay about their flags.
 */
const examples: Readonly<Record<string, readonly string[]>> = Object.freeze({
  taskgroup: [
    'taskgroup search --data examples/recsys.csv --tasks click,like,share,watch_time --budget 2',
    'taskgroup report <searchId> --format html --out report.html',
    'taskgroup solve --table losses.csv --mode overlap --budget 3',
  ],
  search: [
    'taskgroup search --data examples/recsys.csv --tasks click,like,share,watch_time --budget 2',
    'taskgroup search --data events.parquet --tasks click,like,dwell:regression --weights click=2 --json > result.json',
    'taskgroup search --config study.json --redis redis://localhost:6379 --workers 0',
  ],
  solve: [
    'taskgroup solve --table losses.csv --budget 3',
    'taskgroup solve --table losses.csv --mode overlap --budget 2.5 --hoa --json',
  ],
  report: [
    'taskgroup report <searchId> --format md',
    'taskgroup report <searchId> --format html --out report.html',
    'taskgroup report <searchId> --format csv --out reports/',
  ],
  resume: ['taskgroup resume <searchId>', 'taskgroup resume <searchId> --db runs.db --workers 2'],
  status: [
    'taskgroup status',
    'taskgroup status <searchId> --json',
    'taskgroup status --redis redis://localhost:6379',
  ],
  worker: [
    'taskgroup worker --redis redis://coordinator:6379',
    'taskgroup worker --redis redis://:password@coordinator:6379/2 --concurrency 2',
  ],
});

const exitCodes = [
  'Exit codes:',
  '  0    success',
  '  1    internal error (a bug of taskgroup: please report it)',
  '  2    bad input or usage: one line on stderr naming the file, column or flag',
  '  130  interrupted (Ctrl-C): finished runs are saved; `taskgroup resume <searchId>` continues',
].join('\n');

/** Adds the examples of `command` (by its name) and the exit codes after its help. */
export function withExamples(command: Command): Command {
  const lines = examples[command.name()] ?? [];
  const text =
    lines.length === 0 ? '' : `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
  return command.addHelpText('after', `${text}\n${exitCodes}\n`);
}

/** An option whose default `--help` shows as written (`(default: taskgroup.db)`), not quoted. */
export const optionWithDefault = (flags: string, description: string, value: string): Option =>
  new Option(flags, description).default(value, value);
