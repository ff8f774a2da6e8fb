import { UsageError } from '../errors.js';
import {
  methodHelp,
  methodNamed,
  methodRefusal,
  resolveMethod,
  type MethodName,
} from '../decide/methods/index.js';
import {
  coversBalance,
  coversLookahead,
  type ArchitectureChoice,
} from '../proxy/architectures/names.js';
import { auxBalanceText, auxBalanceVariant, type AuxBalance } from '../proxy/balance/index.js';
import type { ProxySettings } from '../proxy/types.js';
import { auxiliaryTasks } from './auxiliaryRoles.js';
import { readConfigFile } from './configFile.js';
import { configKey, flagName, parseOptions, type Namer } from './optionSchema.js';
import { shown, weightList } from './parse.js';
import { runChoicesOf, runDefaults, type RunChoices, type RunFlags } from './runChoices.js';
import {
  requiredMessages,
  searchFlagsSchema,
  searchOptionsSchema,
  type MethodChoice,
  type SearchConfigParsed,
} from './searchOptions.js';
import { networksOf } from './networkOptions.js';
import { MAX_EXHAUSTIVE_TASKS, studyDefaults, type Study } from './study.js';
import { refuseIncapable, withinBackend } from './studyNeeds.js';

export { auxBalanceHelp } from '../proxy/balance/index.js';
export { methodHelp, readConfigFile };

/**
 * A search as its command line resolved it: the study, this machine's choices for running it,
 * and why the study goes without its MMoE baseline when the backend cannot train it.
 */
export type SearchConfig = Study & RunChoices & { baselineSkipped?: string };

/** The study of a search config: what is stored with the search and defines its result. */
export const studyOf = ({
  workers,
  backend,
  redis,
  baselineSkipped,
  ...study
}: SearchConfig): Study => study;

/** This machine's choices of a search config: how it runs, never stored. */
export const choicesOf = ({ workers, backend, redis }: SearchConfig): RunChoices => ({
  workers,
  backend,
  ...(redis && { redis }),
});

/** The defaults of every setting of `search`. */
export const searchDefaults = Object.freeze({ ...studyDefaults, ...runDefaults });

/** Flags as commander hands them over: strings, or undefined when absent. */
export interface SearchFlags extends RunFlags {
  data?: string;
  tasks?: string;
  config?: string;
  budget?: string;
  seeds?: string;
  seed?: string;
  rows?: string;
  epochs?: string;
  minSteps?: string;
  batchSize?: string;
  weights?: string;
  /** commander's `--no-verify`: false when given, else true or undefined. */
  verify?: boolean;
  maxRuns?: string;
  exhaustive?: boolean;
  method?: string;
  aux?: string;
  auxBalance?: string;
  features?: string;
  exclude?: string;
  architecture?: string;
  experts?: string;
  embed?: string;
  /** commander's `--no-mmoe-baseline`: false when given, else true or undefined. */
  mmoeBaseline?: boolean;
}

/** Merges flags over the config file over the defaults, validating every field at this boundary. */
export function resolveSearchConfig(flags: SearchFlags): SearchConfig {
  const file = flags.config ? readConfigFile(flags.config) : {};
  const given = parseOptions(searchFlagsSchema(), flags);
  // commander's --no-verify and --no-mmoe-baseline are true unless given, and --exhaustive
  // undefined unless given.
  const {
    verify,
    mmoeBaseline,
    exhaustive,
    rows,
    epochs,
    minSteps,
    batchSize,
    db: _db,
    ...rest
  } = given;
  const fromFlags: SearchConfigParsed = {
    ...definedOf(rest),
    ...(verify === false && { verify }),
    ...(mmoeBaseline === false && { mmoeBaseline }),
    ...(exhaustive === true && { exhaustive }),
    proxy: definedOf({ rows, epochs, minSteps, batchSize }),
  };
  const merged = { ...file, ...fromFlags, proxy: { ...file.proxy, ...fromFlags.proxy } };
  return searchConfig(
    resolveStudy(merged, flagName),
    runChoicesOf(merged, flags.force === true, flags.redis),
    merged.mmoeBaseline === true,
  );
}

/** The entries whose value is given: a flag left out does not hide the config file's value. */
const definedOf = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;

/**
 * A search from a config object alone, with the keys and rules of a `--config` file: what the
 * library's `search()` takes (src/api). `where` names the object in messages.
 */
export function resolveConfigObject(where: string, config: unknown): SearchConfig {
  const parsed = parseOptions(
    searchOptionsSchema(
      where,
      `${where} must be an object of search options (got ${shown(config)})`,
    ),
    config,
  );
  return searchConfig(
    resolveStudy(parsed, configKey),
    runChoicesOf(parsed, false),
    parsed.mmoeBaseline === true,
  );
}

/**
 * The study with this machine's choices, once the trainers `--backend` stands for are known to
 * do what the study needs (config/studyNeeds.ts: a `tag` search's lookahead, an MMoE's experts,
 * embeddings), so a backend that cannot is refused with the flags at fault before anything is
 * read. The MMoE baseline, on by default, is left out where the backend cannot train it unless
 * it was asked for by name.
 */
function searchConfig(study: Study, choices: RunChoices, baselineAsked: boolean): SearchConfig {
  const fitted = withinBackend(study, choices.backend, baselineAsked);
  refuseIncapable(fitted.study, choices.backend);
  return {
    ...fitted.study,
    ...choices,
    ...(fitted.skipped && { baselineSkipped: fitted.skipped }),
  };
}

/** The study from the merged options; `name` says what to call a missing one. */
function resolveStudy(options: SearchConfigParsed, name: Namer): Study {
  const { data: dataFile, tasks } = options;
  const required = requiredMessages(name);
  if (dataFile === undefined) throw new UsageError(required.data);
  if (tasks === undefined) throw new UsageError(required.tasks);
  const names = tasks.map((t) => t.name);
  const d = studyDefaults;
  const exhaustive = exhaustiveOf(options.exhaustive ?? d.exhaustive, tasks.length);
  const aux = auxiliaryTasks(name('aux'), options.aux ?? [], tasks);
  const weights = options.weights
    ? weightList(options.weights.field, options.weights.value, names)
    : names.map(() => 1);
  const networks = networksOf(options, name);
  return {
    dataFile,
    tasks,
    features: options.features,
    exclude: options.exclude,
    weights: mainWeights(weights, names, aux, options.weights?.field),
    budget: options.budget ?? d.budget,
    seeds: options.seeds ?? d.seeds,
    seed: options.seed ?? d.seed,
    valFraction: options.valFraction ?? d.valFraction,
    verify: options.verify ?? d.verify,
    maxRuns: options.maxRuns ?? d.maxRuns,
    exhaustive,
    method: methodOf(options.method ?? 'auto', tasks.length, exhaustive, {
      auxiliary: aux.length > 0,
      architecture: networks.architecture,
    }),
    aux,
    auxBalance: balanceOf(options.auxBalance ?? d.auxBalance, aux, name, networks.architecture),
    proxy: proxyOf(options.proxy),
    ...networks,
    ...(options.embed && { embed: options.embed }),
  };
}

/** `--exhaustive` trains all 2^n − 1 subsets: refused past MAX_EXHAUSTIVE_TASKS, saying why. */
function exhaustiveOf(exhaustive: boolean, taskCount: number): boolean {
  if (exhaustive && taskCount > MAX_EXHAUSTIVE_TASKS) {
    const subsets = 2 ** taskCount - 1;
    throw new UsageError(
      `--exhaustive trains every one of the 2^n − 1 task subsets: ${subsets} for ${taskCount} tasks; it takes at most ${MAX_EXHAUSTIVE_TASKS} tasks (${2 ** MAX_EXHAUSTIVE_TASKS - 1} subsets)`,
    );
  }
  return exhaustive;
}

/**
 * `--method NAME|auto`, stored resolved: `auto` (the default) is resolved by the methods'
 * registry (decide/methods/index.ts) for the number of tasks, an exhaustive search and whether
 * a lookahead covers the runs' network. A method that cannot decide this study says why
 * (decide/methods: its refusal); a method's lookahead on a network it does not cover (an
 * MMoE's experts sit behind each task's gate) is refused.
 */
function methodOf(
  choice: MethodChoice,
  taskCount: number,
  exhaustive: boolean,
  study: { auxiliary: boolean; architecture: ArchitectureChoice | undefined },
): MethodName {
  const lookahead = coversLookahead(study.architecture);
  const method = resolveMethod(choice, taskCount, exhaustive, {
    auxiliary: study.auxiliary,
    lookahead,
  });
  const refusal = methodRefusal(method, taskCount, exhaustive, study.auxiliary);
  if (refusal !== undefined) throw new UsageError(`--method ${method.name}: ${refusal}`);
  if (methodNamed(method.name).lookahead && !lookahead)
    throw new UsageError(
      `--method ${method.name}: its lookahead steps a shared bottom, and --architecture ${study.architecture?.name} shares its experts behind each task's gate; use --method pairs or auto`,
    );
  return method.name;
}

/** The objective scores the main tasks: their weights must not all be 0. */
function mainWeights(
  weights: number[],
  names: string[],
  aux: string[],
  field: string | undefined,
): number[] {
  if (aux.length > 0 && names.every((n, t) => aux.includes(n) || weights[t] === 0))
    throw new UsageError(
      `${field ?? '--weights'}: the main tasks' weights must not all be 0 (auxiliary tasks are not scored)`,
    );
  return weights;
}

/**
 * `--aux-balance` rescales the auxiliaries' gradients of a shared bottom: it needs `--aux`, and
 * an architecture whose tasks share one (not an MMoE's experts behind per-task gates).
 */
function balanceOf(
  balance: AuxBalance,
  aux: string[],
  name: Namer,
  architecture: ArchitectureChoice | undefined,
): AuxBalance {
  if (!auxBalanceVariant(balance).rescales) return balance;
  const flag = `${name('auxBalance')} ${auxBalanceText(balance)}`;
  if (aux.length === 0)
    throw new UsageError(`${flag} balances auxiliary tasks; name them with ${name('aux')}`);
  if (!coversBalance(architecture))
    throw new UsageError(
      `${flag} rescales gradients of a shared bottom, and ${name('architecture')} ${architecture?.name} has none (its experts sit behind per-task gates); use --aux-balance none`,
    );
  return balance;
}

/** Each proxy setting given, over its default (layer lists copied: the defaults stay frozen). */
const proxyOf = (given: SearchConfigParsed['proxy']): ProxySettings => {
  const d = studyDefaults.proxy;
  return { ...d, bottom: [...d.bottom], tower: [...d.tower], ...definedOf(given ?? {}) };
};
