import * as v from 'valibot';
import { TASK_TYPES, type TaskType } from '../data/types.js';
import { TaskgroupError, UsageError } from '../errors.js';
import { DEFAULT_AUX_BALANCE, parseAuxBalance } from '../proxy/balance/index.js';
import { KERNELS_IDENTITY } from '../proxy/trainers/names.js';
import type { ProxySettings } from '../proxy/types.js';
import {
  boolean,
  fraction,
  nonEmptyString,
  nonNegativeInt,
  oneOf,
  positiveInt,
  stringList,
  weightList,
  type TaskRequest,
} from './parse.js';
import { methodNames } from '../decide/methods/index.js';
import { auxiliaryTasks } from './auxiliaryRoles.js';
import { parseOptions } from './optionSchema.js';
import { architectureNames, type ArchitectureChoice } from '../proxy/architectures/names.js';
import { embedList } from './embedOption.js';
import { proxyEntries, studyEntries } from './searchOptions.js';
import { seedCount, type Study } from './study.js';

/**
 * What a search stores about itself (the `config` column of `searches`): its study, versioned,
 * and the facts of its data a report shows. Version 1, written before the study was kept apart
 * from the machine's choices, is rewritten to version 2 by db/002_study_apart.sql. Version 2
 * lacks `maxRuns` and `exhaustive` and is read with their defaults. `trainer`, the numeric
 * identity of the trainer whose runs the search uses (proxy/trainers), is absent from records
 * written before trainers had identities: they all used the kernels.
 * Versions 2 and 3 lack `method` and are read as `pairs`, the only method they knew. Versions
 * 2 to 4 lack `architecture`, `mmoeBaseline` and `embed`: their runs were shared bottoms on
 * encoded columns, with no MMoE baseline planned; they lack `aux` and `auxBalance` too: every
 * task main, no balancing.
 */
export const STUDY_VERSION = 5;

export interface DatasetFacts {
  trainRows: number;
  valRows: number;
  dim: number;
  taskTypes: TaskType[];
}

export interface StudyRecord {
  version: number;
  study: Study;
  dataset: DatasetFacts;
  /** The trainer's numeric identity: part of every run key of the search, kept by resume. */
  trainer: string;
}

function objectOf(field: string, value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${field} must be an object (got ${JSON.stringify(value)})`);
  return value as Record<string, unknown>;
}

function storedTasks(field: string, value: unknown): TaskRequest[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new UsageError(`${field} must be a non-empty list of tasks`);
  return value.map((item, i) => {
    const task = objectOf(`${field}[${i}]`, item);
    const name = nonEmptyString(`${field}[${i}].name`, task.name);
    return task.type === undefined
      ? { name }
      : { name, type: oneOf(`${field}[${i}].type`, task.type, TASK_TYPES) };
  });
}

function readStudy(value: unknown): Study {
  const s = objectOf('study', value);
  const tasks = storedTasks('study.tasks', s.tasks);
  // Version 2 predates minSteps: its runs trained `epochs` exactly (and a new key retrains them).
  const proxy: Record<string, unknown> = { minSteps: 0, ...objectOf('study.proxy', s.proxy) };
  const study: Study = {
    dataFile: nonEmptyString('study.dataFile', s.dataFile),
    tasks,
    weights: weightList(
      'study.weights',
      s.weights,
      tasks.map((t) => t.name),
    ),
    budget: s.budget === null ? null : positiveInt('study.budget', s.budget),
    seeds: seedCount('study.seeds', s.seeds),
    seed: nonNegativeInt('study.seed', s.seed),
    valFraction: fraction('study.valFraction', s.valFraction),
    verify: boolean('study.verify', s.verify),
    maxRuns:
      s.maxRuns === undefined || s.maxRuns === null
        ? null
        : positiveInt('study.maxRuns', s.maxRuns),
    exhaustive: s.exhaustive === undefined ? false : boolean('study.exhaustive', s.exhaustive),
    method: s.method === undefined ? 'pairs' : oneOf('study.method', s.method, methodNames),
    ...storedAuxiliaries(s, tasks),
    proxy: storedProxy(proxy),
  };
  if (s.features !== undefined) study.features = stringList('study.features', s.features);
  if (s.exclude !== undefined) study.exclude = stringList('study.exclude', s.exclude);
  if (s.architecture !== undefined)
    study.architecture = storedArchitecture('study.architecture', s.architecture);
  if (s.mmoeBaseline !== undefined)
    study.mmoeBaseline = storedArchitecture('study.mmoeBaseline', s.mmoeBaseline);
  if (s.embed !== undefined) study.embed = embedList('study.embed', s.embed);
  return study;
}

/** The stored auxiliary tasks and balance; a record without them (before version 5) has none. */
function storedAuxiliaries(
  s: Record<string, unknown>,
  tasks: TaskRequest[],
): Pick<Study, 'aux' | 'auxBalance'> {
  const aux = s.aux === undefined ? [] : stringList('study.aux', s.aux);
  const balance = s.auxBalance === undefined ? null : objectOf('study.auxBalance', s.auxBalance);
  return {
    aux: auxiliaryTasks('study.aux', aux, tasks),
    auxBalance:
      balance === null
        ? DEFAULT_AUX_BALANCE
        : parseAuxBalance(
            'study.auxBalance',
            balance.ratio === undefined ? balance.name : `${balance.name}:${balance.ratio}`,
          ),
  };
}

/** A stored network choice, each field checked by the rule its option has (searchOptions.ts). */
function storedArchitecture(field: string, value: unknown): ArchitectureChoice {
  const { name, experts, expertLayers, ...rest } = objectOf(field, value);
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new UsageError(`${field}: unknown key "${extra}"`);
  const entries = studyEntries((key) => `${field}.${key}`);
  const read = <K extends 'experts' | 'expertLayers'>(key: K, given: unknown) =>
    given === undefined ? {} : { [key]: parseOptions(v.unwrap(entries[key]), given) };
  return {
    name: oneOf(`${field}.name`, name, architectureNames),
    ...read('experts', experts),
    ...read('expertLayers', expertLayers),
  };
}

/** The stored proxy settings, each checked by the rule its option has (searchOptions.ts). */
function storedProxy(proxy: Record<string, unknown>): ProxySettings {
  const entries = Object.entries(proxyEntries((key) => `study.proxy.${key}`));
  return Object.fromEntries(
    entries.map(([key, schema]) => [key, parseOptions(v.unwrap(schema), proxy[key])]),
  ) as unknown as ProxySettings;
}

/** Dataset facts read back and validated (from a study record, or a remembered data source). */
export function datasetOf(value: unknown, taskCount: number): DatasetFacts {
  const d = objectOf('dataset', value);
  const types = d.taskTypes;
  if (!Array.isArray(types) || types.length !== taskCount)
    throw new UsageError(`dataset.taskTypes must list ${taskCount} task types`);
  return {
    trainRows: nonNegativeInt('dataset.trainRows', d.trainRows),
    valRows: nonNegativeInt('dataset.valRows', d.valRows),
    dim: nonNegativeInt('dataset.dim', d.dim),
    taskTypes: types.map((type, t) => oneOf(`dataset.taskTypes[${t}]`, type, TASK_TYPES)),
  };
}

/**
 * Reads a stored record back, validating every field, so nothing downstream trusts a cast.
 * `where` names the database and the search (`--db FILE: search ID`). A record of a newer
 * version, an unknown version or a field out of shape is a UsageError (exit 2).
 */
export function parseStudyRecord(value: unknown, where: string): StudyRecord {
  const version =
    value && typeof value === 'object' ? (value as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > STUDY_VERSION) {
    throw new UsageError(
      `${where}: stored by a newer taskgroup (study version ${version}, this one reads ${STUDY_VERSION}); upgrade taskgroup`,
      'E_STORE',
    );
  }
  if (version !== STUDY_VERSION && version !== 2 && version !== 3 && version !== 4) {
    throw new UsageError(
      `${where}: unknown study version ${JSON.stringify(version)} (this taskgroup reads ${STUDY_VERSION})`,
      'E_STORE',
    );
  }
  try {
    const record = value as Record<string, unknown>;
    const study = readStudy(record.study);
    const trainer =
      record.trainer === undefined ? KERNELS_IDENTITY : nonEmptyString('trainer', record.trainer);
    return { version, study, dataset: datasetOf(record.dataset, study.tasks.length), trainer };
  } catch (error) {
    if (!(error instanceof TaskgroupError)) throw error;
    throw new UsageError(`${where}: the stored study is not valid: ${error.message}`, 'E_STORE');
  }
}

/** The record a new search stores. */
export function studyRecord(study: Study, dataset: DatasetFacts, trainer: string): StudyRecord {
  return { version: STUDY_VERSION, study, dataset, trainer };
}

/**
 * Whether a stored record (as read from the database) asks the question `record` asks: the
 * same study, data facts and trainer, wherever the data file lies (the data is the search's
 * fingerprint, which the caller compares).
 */
export function asksSameQuestion(stored: unknown, record: StudyRecord): boolean {
  const question = (value: unknown) => {
    if (!value || typeof value !== 'object') return JSON.stringify(value);
    const { study } = value as { study?: unknown };
    return JSON.stringify({ ...value, study: { ...(study as object), dataFile: '' } });
  };
  return question(stored) === question(record);
}
