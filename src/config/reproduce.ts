import { quote } from 'shell-quote';
import { EMBED } from '../data/embedColumns.js';
import type { EmbeddedColumn } from '../data/types.js';
import { auxBalanceText } from '../proxy/balance/index.js';
import { KERNELS_IDENTITY, TRAINERS } from '../proxy/trainers/index.js';
import type { Reproduction } from '../report/model.js';
import type { TaskRequest } from './parse.js';
import { studyDefaults, type Study } from './study.js';

/**
 * The command line that asks a stored study's question again: `taskgroup search` with a flag for
 * every setting that has one (the data file, tasks, seeds, proxy settings and method always, so
 * that the command does not lean on defaults; the others when they are set; the networks: the
 * architecture, an MMoE's experts, or `--no-mmoe-baseline`), and a `--config` file for the
 * settings that have no flag (`valFraction`, `proxy.learningRate`, `bottom`, `tower`,
 * `expertLayers`, an embedded column's rows, and any setting a newer study holds) when they
 * differ from the defaults. A name a flag cannot carry (a comma in a column name) goes to the
 * config file too. Run in the same database,
 * the command is the same search (one search per question); elsewhere it trains the same runs.
 */

/** The config file the command names when it needs one. */
export const reproduceConfigFile = 'study.json';

/** A setting's flag and value, nothing when it is unset, or `config` when no flag can carry it. */
type Flag = string[] | 'config';

/** A comma-separated list, or `config` when a name holds a comma (a config file takes an array). */
const listFlag = (flag: string, names: string[]): Flag =>
  names.some((n) => n.includes(',')) ? 'config' : [flag, names.join(',')];

/** Tasks as `--tasks` and a config file take them: `name`, or `name:type` when it was declared. */
const taskNames = (tasks: TaskRequest[]) =>
  tasks.map((t) => (t.type ? `${t.name}:${t.type}` : t.name));

/** The flags of a study's settings, by name (`proxy.rows` for a proxy setting). */
function flagsOf(study: Study): Record<string, Flag> {
  const { proxy } = study;
  const number = (flag: string, value: number | null): Flag =>
    value === null ? [] : [flag, String(value)];
  return {
    dataFile: ['--data', study.dataFile],
    tasks: listFlag('--tasks', taskNames(study.tasks)),
    features: study.features ? listFlag('--features', study.features) : [],
    exclude: study.exclude ? listFlag('--exclude', study.exclude) : [],
    weights: study.weights.every((w) => w === 1) ? [] : ['--weights', study.weights.join(',')],
    budget: number('--budget', study.budget),
    seeds: number('--seeds', study.seeds),
    seed: number('--seed', study.seed),
    verify: study.verify ? [] : ['--no-verify'],
    maxRuns: number('--max-runs', study.maxRuns),
    method: ['--method', study.method],
    exhaustive: study.exhaustive ? ['--exhaustive'] : [],
    'proxy.rows': number('--rows', proxy.rows),
    'proxy.epochs': number('--epochs', proxy.epochs),
    'proxy.minSteps': number('--min-steps', proxy.minSteps),
    'proxy.batchSize': number('--batch-size', proxy.batchSize),
    embed: study.embed ? embedFlag(study.embed) : [],
    aux: study.aux?.length ? listFlag('--aux', study.aux) : [],
    auxBalance:
      study.auxBalance && !same(study.auxBalance, studyDefaults.auxBalance)
        ? ['--aux-balance', auxBalanceText(study.auxBalance)]
        : [],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The study's networks as flags: each run's architecture, an MMoE's experts, or no baseline. */
function networkFlags(study: Study, config: Record<string, unknown>): string[] {
  const { architecture, mmoeBaseline } = study;
  const mmoe = architecture ?? mmoeBaseline;
  const flags = architecture
    ? ['--architecture', architecture.name]
    : mmoeBaseline
      ? []
      : ['--no-mmoe-baseline'];
  if (mmoe?.experts !== undefined) flags.push('--experts', String(mmoe.experts));
  if (mmoe?.expertLayers !== undefined) config.expertLayers = mmoe.expertLayers;
  return flags;
}

/** `--embed col:dim,…`, or `config` when a column's rows or name need the config file. */
const embedFlag = (embed: EmbeddedColumn[]): Flag =>
  embed.every((e) => e.rows === EMBED.rowsDefault && !/[,:]/.test(e.column))
    ? ['--embed', embed.map((e) => `${e.column}:${e.dim}`).join(',')]
    : 'config';

/**
 * One word of the command, quoted by shell-quote only when a POSIX shell would read it otherwise:
 * shell-quote escapes every comma (`click\\,like`), which a shell reads as it is anyway.
 */
const shellWord = (word: string): string => (/^[\w./,:=@%+-]+$/.test(word) ? word : quote([word]));

/** The command (shell-quoted) and the config file it names, if any. */
export function reproduction(study: Study, trainerIdentity: string): Reproduction {
  const flags = flagsOf(study);
  const args: string[] = [];
  const config: Record<string, unknown> = {};
  const proxy: Record<string, unknown> = {};
  const place = (
    name: string,
    value: unknown,
    fallback: unknown,
    into: Record<string, unknown>,
  ) => {
    const flag = flags[name];
    if (Array.isArray(flag)) args.push(...flag);
    else if (flag === 'config' || !same(value, fallback))
      into[name.replace(/^proxy\./, '')] = value;
  };
  const defaults: Record<string, unknown> = studyDefaults;
  const proxyDefaults: Record<string, unknown> = studyDefaults.proxy;
  const settings = { ...study, tasks: taskNames(study.tasks) };
  for (const [name, value] of Object.entries(settings))
    if (!['proxy', 'architecture', 'mmoeBaseline'].includes(name))
      place(name, value, defaults[name], config);
  args.push(...networkFlags(study, config));
  for (const [name, value] of Object.entries(study.proxy))
    place(`proxy.${name}`, value, proxyDefaults[name], proxy);
  if (Object.keys(proxy).length > 0) config.proxy = proxy;
  if (trainerIdentity !== KERNELS_IDENTITY) {
    const trainer = TRAINERS.find((t) => t.identity === trainerIdentity);
    if (trainer) args.push('--backend', trainer.name);
  }
  const hasConfig = Object.keys(config).length > 0;
  if (hasConfig) args.push('--config', reproduceConfigFile);
  return {
    command: ['taskgroup', 'search', ...args].map(shellWord).join(' '),
    config: hasConfig ? config : null,
  };
}
