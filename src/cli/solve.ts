import { Command } from 'commander';
import { InterruptedError, UsageError } from '../errors.js';
import { type LossTable, readLossTable } from '../data/lossTable.js';
import { solveHoaPartition, solveOverlap, solveTablePartition } from '../search/index.js';
import { firstRowBySet, hoaCandidates, hoaPartitionFromTable, type NamedNetwork } from '../search/hoaTable.js';
import type { Partition, SearchLimits, Selection, SolveResult } from '../search/index.js';
import { stoppingLine } from './interrupt.js';
import { solveInWorker } from './solveInWorker.js';

/** `taskgroup solve`: pick networks from a loss table (DESIGN.md §2). */
export interface SolveOptions {
  table: string;
  budget?: string;
  mode: string;
  hoa?: boolean;
  top?: string;
  weights?: string;
  timeLimit?: string;
  json?: boolean;
}

export const SOLVE_MODES = ['partition', 'overlap'] as const;
export type SolveMode = (typeof SOLVE_MODES)[number];

/** One answer as printed: the networks, the task each serves, and the total. */
export interface SolveAnswer {
  total: number;
  networks: { name: string; tasks: string[]; cost: number; serves: string[] }[];
}

export interface SolveReport extends SolveAnswer {
  mode: SolveMode;
  budget: number;
  optimal: boolean;
  status: string;
  bound: number;
  gap: number;
  alternatives: SolveAnswer[];
  nodes: number;
  elapsedMs: number;
}

/** Runs a prepared solve; `onStop` is called when Ctrl-C asks it to stop early. */
export type SolveRunner = (job: SolveJob, onStop: () => void) => Promise<SolveReport>;

/**
 * `solve` runs its search in a worker thread (solveInWorker) so that Ctrl-C can stop it with
 * its best answer; in-process tests pass a runner that solves in their own thread.
 */
export function solveCommand(write: (text: string) => void = (text) => process.stdout.write(text), solve: SolveRunner = solveInWorker): Command {
  return new Command('solve')
    .description('choose networks from a loss table: partition mode (each task in one network, --budget = most networks) or overlap mode (Standley network selection, --budget = total cost)')
    .requiredOption('--table <file>', 'loss table CSV: cost, optional name, one column per task')
    .option('--budget <B>', 'partition: most networks; overlap: total cost (default: number of tasks)')
    .option('--mode <mode>', `${SOLVE_MODES.join(' | ')}`, 'partition')
    .option('--hoa', 'estimate groups of 3+ tasks from the pair rows (higher-order approximation)')
    .option('--top <K>', 'also print the next K−1 best distinct answers', '1')
    .option('--weights <list>', 'task weights: 2,1,1 in column order, or task=2,other=0.5')
    .option('--time-limit <S>', 'stop after S seconds with the best answer and its proven gap')
    .option('--json', 'print one JSON document')
    .action(async (opts: SolveOptions) => {
      const report = await solve(prepareSolve(opts), () => {
        if (!opts.json) process.stderr.write(`\n${stoppingLine('printing the best answer found so far')}\n`);
      });
      write(opts.json ? `${JSON.stringify(report)}\n` : renderSolve(report));
      if (report.status === 'interrupted') throw new InterruptedError(`solve interrupted: printed the best answer found so far (proven gap ${(report.gap * 100).toFixed(2)}%)`);
    });
}

/** A solve with its flags validated and its table read: plain data, so it can cross threads. */
export interface SolveJob {
  mode: SolveMode;
  table: LossTable;
  budget: number;
  hoa: boolean;
  topK: number;
  weights: number[];
  timeLimitSec?: number;
}

/** Validates the options, reads the table, solves (prepareSolve, then solveJob). */
export function runSolve(opts: SolveOptions, shouldStop?: () => boolean): SolveReport {
  return solveJob(prepareSolve(opts), shouldStop);
}

/** Validates the flags and reads the table. Throws UsageError naming the flag or file at fault. */
export function prepareSolve(opts: SolveOptions): SolveJob {
  const mode = modeOf(opts.mode);
  const table = readLossTable(opts.table);
  const n = table.tasks.length;
  const budget = opts.budget === undefined ? n : numberFlag('--budget', opts.budget, 0);
  if (mode === 'partition' && !Number.isInteger(budget)) throw new UsageError(`--budget must be a whole number of networks in partition mode (got ${opts.budget})`);
  const topK = integerFlag('--top', opts.top ?? '1', 1);
  const weights = weightsOf(opts.weights, table.tasks);
  const timeLimitSec = opts.timeLimit === undefined ? undefined : numberFlag('--time-limit', opts.timeLimit, 0);
  return { mode, table, budget, hoa: Boolean(opts.hoa), topK, weights, timeLimitSec };
}

/**
 * Solves a prepared job until done, out of time, or `shouldStop` (checked with the limits).
 * Throws UsageError when no answer can serve every task, and InterruptedError when stopped
 * before any answer was found.
 */
export function solveJob(job: SolveJob, shouldStop?: () => boolean): SolveReport {
  const { mode, table, budget, weights, timeLimitSec } = job;
  const limits = { topK: job.topK, timeLimitMs: timeLimitSec === undefined ? undefined : timeLimitSec * 1000, shouldStop };
  if (mode === 'partition' && job.hoa) return partitionHoa(table, budget, weights, limits);
  const candidates: NamedNetwork[] = job.hoa ? hoaCandidates(table.networks, table.tasks) : table.networks;
  checkServable(table, candidates, mode, budget);
  const problem = { networks: candidates, budget, weights, ...limits };
  const result = mode === 'overlap' ? solveOverlap(problem) : solveTablePartition(problem);
  if (result.best.total === Infinity) {
    if (result.status === 'interrupted') throw new InterruptedError(`${table.file}: interrupted before any answer was found`);
    if (result.status === 'limit') throw new UsageError(`${table.file}: no answer found within --time-limit ${timeLimitSec}s`);
    throw new UsageError(`${table.file}: no choice of networks within --budget ${budget} serves every task${mode === 'partition' ? ' with disjoint networks' : ''}`);
  }
  const answer = (s: Selection): SolveAnswer => selectionAnswer(s, candidates, table.tasks, weights);
  return report(mode, budget, result, answer);
}

function partitionHoa(table: LossTable, budget: number, weights: number[], limits: SearchLimits): SolveReport {
  if (budget < 1) throw new UsageError(`--budget must be at least 1 network in partition mode (got ${budget})`);
  const { problem, scale } = hoaPartitionFromTable(table.networks, table.tasks, weights);
  const result = solveHoaPartition({ ...problem, maxGroups: Math.min(budget, table.tasks.length), ...limits });
  const rowOf = firstRowBySet(table.networks);
  const answer = (p: Partition): SolveAnswer => {
    const networks = p.groups.map((g) => {
      // A lone task stands for its best single-task row (the one HOA priced it with).
      const row = g.length === 1 ? bestSingle(table.networks, g[0]) : rowOf.get(g.reduce((m, t) => m | (1 << t), 0));
      const tasks = g.map((t) => table.tasks[t]);
      return { name: row?.name ?? tasks.join('+'), tasks, cost: row?.cost ?? 1, serves: tasks };
    });
    return { total: p.objective * scale, networks };
  };
  return report('partition', budget, result, answer, scale);
}

function bestSingle(networks: NamedNetwork[], t: number): NamedNetwork | undefined {
  const singles = networks.filter((net) => net.loss[t] !== null && net.loss.every((l, u) => u === t || l === null));
  return singles.reduce<NamedNetwork | undefined>((best, net) => (best === undefined || (net.loss[t] as number) < (best.loss[t] as number) ? net : best), undefined);
}

function report<T>(mode: SolveMode, budget: number, result: SolveResult<T>, answer: (x: T) => SolveAnswer, scale = 1): SolveReport {
  const best = answer(result.best);
  return {
    mode,
    budget,
    total: best.total,
    optimal: result.status === 'optimal',
    status: result.status,
    bound: result.bound * scale,
    gap: result.gap,
    networks: best.networks,
    alternatives: result.alternatives.map(answer),
    nodes: result.stats.nodes,
    elapsedMs: Math.round(result.stats.elapsedMs * 10) / 10,
  };
}

function selectionAnswer(s: Selection, candidates: NamedNetwork[], tasks: string[], weights: number[]): SolveAnswer {
  const networks = s.networks.map((r) => ({
    name: candidates[r].name,
    tasks: tasks.filter((_, t) => candidates[r].loss[t] !== null),
    cost: candidates[r].cost,
    serves: tasks.filter((_, t) => s.serves[t] === r),
  }));
  // Re-add in task order from the table's own numbers (weighted), as the JSON contract says.
  const total = s.serves.reduce((a, r, t) => a + weights[t] * (candidates[r].loss[t] as number), 0);
  return { total, networks };
}

/** Every task needs a network it belongs to that the budget affords. */
function checkServable(table: LossTable, candidates: NamedNetwork[], mode: SolveMode, budget: number): void {
  table.tasks.forEach((task, t) => {
    const affordable = candidates.some((net) => net.loss[t] !== null && (mode === 'partition' ? budget >= 1 : net.cost <= budget + 1e-9));
    if (!affordable) throw new UsageError(`${table.file}, column "${task}": no network within --budget ${budget} contains this task`);
  });
}

function modeOf(mode: string): SolveMode {
  if (!(SOLVE_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${SOLVE_MODES.join(', ')} (got "${mode}")`);
  return mode as SolveMode;
}

function numberFlag(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min) throw new UsageError(`${flag} must be a number ≥ ${min} (got "${text}")`);
  return value;
}

function integerFlag(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got "${text}")`);
  return value;
}

/** "2,1,1" (column order) or "click=2,like=0.5" (unnamed tasks weigh 1). */
export function weightsOf(text: string | undefined, tasks: string[]): number[] {
  const weights = new Array<number>(tasks.length).fill(1);
  if (text === undefined) return weights;
  const parts = text.split(',').map((s) => s.trim());
  const named = parts.some((p) => p.includes('='));
  if (!named && parts.length !== tasks.length) throw new UsageError(`--weights must list ${tasks.length} numbers, one per task column (got ${parts.length})`);
  parts.forEach((part, i) => {
    const [key, raw] = named ? part.split('=') : [tasks[i], part];
    const t = tasks.indexOf(key?.trim() ?? '');
    if (t < 0) throw new UsageError(`--weights: "${key}" is not a task of the table (tasks: ${tasks.join(', ')})`);
    const value = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--weights: weight of "${key}" must be a number ≥ 0 (got "${raw ?? ''}")`);
    weights[t] = value;
  });
  if (weights.every((w) => w === 0)) throw new UsageError('--weights must not all be 0');
  return weights;
}

/** A short readable table of the answer. */
export function renderSolve(r: SolveReport): string {
  const lines: string[] = [];
  const state = r.optimal ? 'optimal' : `${r.status}, proven gap ${(r.gap * 100).toFixed(2)}%`;
  lines.push(`${r.mode} mode, budget ${r.budget}: total ${fmt(r.total)} (${state})`);
  const rows = [['network', 'cost', 'tasks', 'serves'], ...r.networks.map((n) => [n.name, String(n.cost), n.tasks.join(','), n.serves.join(',')])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) lines.push(`  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}`.trimEnd());
  if (r.alternatives.length > 0) {
    lines.push('alternatives:');
    r.alternatives.forEach((a, i) => lines.push(`  ${i + 2}. total ${fmt(a.total)}: ${a.networks.map((n) => n.name).join(' + ')}`));
  }
  lines.push(`${r.nodes} nodes, ${r.elapsedMs} ms`);
  return `${lines.join('\n')}\n`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
