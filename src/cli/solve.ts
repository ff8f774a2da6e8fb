import { Command } from 'commander';
import { SOLVE_MODES, solveTaskLimits, type SolveFlags } from '../config/solveSettings.js';
import { InterruptedError } from '../errors.js';
import { optionWithDefault } from './helpText.js';
import type { SolveJob, SolveReport } from '../pipeline/solveTable.js';
import { shownText as shown } from '../report/escape.js';
import { stoppingLine, watchInterrupts } from './interrupt.js';
import { textTable } from './summary.js';

/** Runs a prepared solve; `onStop` is called when Ctrl-C asks it to stop early. */
export type SolveRunner = (job: SolveJob, onStop: () => void) => Promise<SolveReport>;

/**
 * The solve runs in a worker thread, so that this thread hears Ctrl-C: the first SIGINT or
 * SIGTERM raises the worker's stop flag and calls `onStop`; the solver then returns its best
 * answer with its proven bound. A second signal exits 130 at once.
 */
const solveWithInterrupts: SolveRunner = async (job, onStop) => {
  const interrupts = watchInterrupts(onStop);
  try {
    const { solveInWorker } = await import('../pipeline/solveInWorker.js');
    return await solveInWorker(job, interrupts.stop.shared);
  } finally {
    interrupts.dispose();
  }
};

/**
 * `taskgroup solve`: pick networks from a loss table (docs/solve.md). In-process tests pass a
 * runner that solves in their own thread.
 */
export function solveCommand(
  write: (text: string) => void = (text) => process.stdout.write(text),
  solve: SolveRunner = solveWithInterrupts,
): Command {
  return new Command('solve')
    .description(
      'choose networks from a loss table: partition mode (each task in one network, --budget = most networks) or overlap mode (Standley network selection, --budget = total cost)',
    )
    .requiredOption(
      '--table <file>',
      `loss table CSV: cost, optional name, one column per task (at most ${solveTaskLimits.table} without --hoa)`,
    )
    .option(
      '--budget <B>',
      'partition: most networks; overlap: total cost (default: number of tasks)',
    )
    .addOption(optionWithDefault('--mode <mode>', SOLVE_MODES.join(' | '), 'partition'))
    .option(
      '--hoa',
      `estimate groups of 3+ tasks from the pair rows (higher-order approximation); up to ${solveTaskLimits.hoaPartition} tasks in partition mode, ${solveTaskLimits.hoaOverlap} in overlap mode`,
    )
    .option(
      '--top <K>',
      'also print the next K−1 best distinct answers (default: 1, the best alone)',
    )
    .option('--weights <list>', 'task weights: 2,1,1 in column order, or task=2,other=0.5')
    .option('--time-limit <S>', 'stop after S seconds with the best answer and its proven gap')
    .option('--json', 'print one JSON document')
    .action(async (flags: SolveFlags) => {
      const { prepareSolve } = await import('../pipeline/solveTable.js');
      const report = await solve(prepareSolve(flags), () => {
        if (!flags.json)
          process.stderr.write(`\n${stoppingLine('printing the best answer found so far')}\n`);
      });
      write(flags.json ? `${JSON.stringify(report)}\n` : renderSolve(report));
      if (report.status === 'interrupted')
        throw new InterruptedError(
          `solve interrupted: printed the best answer found so far (proven gap ${(report.gap * 100).toFixed(2)}%)`,
        );
    });
}

/** A short readable table of the answer; the table's names pass through shownText. */
export function renderSolve(r: SolveReport): string {
  const lines: string[] = [];
  const state = r.optimal ? 'optimal' : `${r.status}, proven gap ${(r.gap * 100).toFixed(2)}%`;
  lines.push(`${r.mode} mode, budget ${r.budget}: total ${fmt(r.total)} (${state})`);
  const rows = r.networks.map((n) => [
    shown(n.name),
    String(n.cost),
    n.tasks.map(shown).join(','),
    n.serves.map(shown).join(','),
  ]);
  for (const line of textTable(['network', 'cost', 'tasks', 'serves'], rows).split('\n'))
    lines.push(`  ${line}`);
  if (r.alternatives.length > 0) {
    lines.push('alternatives:');
    r.alternatives.forEach((a, i) =>
      lines.push(
        `  ${i + 2}. total ${fmt(a.total)}: ${a.networks.map((n) => shown(n.name)).join(' + ')}`,
      ),
    );
  }
  lines.push(`${r.nodes} nodes, ${r.elapsedMs} ms`);
  return `${lines.join('\n')}\n`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
