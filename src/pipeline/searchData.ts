import { datasetOf, type DatasetFacts } from '../config/studyRecord.js';
import type { Study } from '../config/study.js';
import { findLeaks, loadDataset, sourceKey, type LoadOptions, type Leak } from '../data/index.js';
import type { EncodedDataset, EncodingWarning } from '../data/types.js';
import { InternalError } from '../errors.js';
import type { Store } from '../store/index.js';

/**
 * The data of a search. Its fingerprint, facts, leakage and encoding warnings are known at once;
 * the encoded rows, which take a hundred times longer to get than the file's hash, are loaded
 * only when a run must train (`encoded`, once).
 */
export interface SearchData {
  sourceKey: string;
  fingerprint: string;
  facts: DatasetFacts;
  leaks: Leak[];
  /** Columns whose encoding loses what ids carry (data/encodingWarnings.ts). */
  warnings: EncodingWarning[];
  /** True when the file was loaded now, unchanged while it loaded: `remember` stores it. */
  newSource: boolean;
  encoded(): Promise<EncodedDataset>;
}

const loadOptionsOf = (study: Study): LoadOptions => ({
  file: study.dataFile,
  tasks: study.tasks,
  features: study.features,
  exclude: study.exclude,
  valFraction: study.valFraction,
  splitSeed: study.seed,
  maxTrainRows: study.proxy.rows,
  ...(study.embed && { embed: study.embed }),
});

const factsOf = (dataset: EncodedDataset): DatasetFacts => ({
  trainRows: dataset.trainRows,
  valRows: dataset.valRows,
  dim: dataset.dim,
  taskTypes: dataset.tasks.map((t) => t.type),
});

/**
 * Hashes the file (a missing or unreadable file is a one-line error) and looks its source key up
 * in `store`. Known: nothing is parsed until a run must train. Unknown: the file is loaded and
 * checked now, so a bad file stops the search before anything is written; `remember` then stores
 * what a rerun needs. `onLoad` is called as a load starts (the worker pool starts meanwhile);
 * `signal` (the first Ctrl-C) stops a load at once.
 */
export async function searchData(
  study: Study,
  store: Store | undefined,
  signal?: AbortSignal,
  onLoad?: () => void,
): Promise<SearchData> {
  const options = loadOptionsOf(study);
  const key = await sourceKey(options);
  const known = store && recalled(store, key, study.tasks.length);
  if (known) {
    return {
      sourceKey: key,
      ...known,
      newSource: false,
      encoded: once(() => {
        onLoad?.();
        return loadChecked(options, known.fingerprint, signal);
      }),
    };
  }
  onLoad?.();
  const dataset = await loadDataset(options, signal);
  // The loader read the bytes again: if they are not the ones hashed, the file changed while it
  // loaded, and this source key must not be remembered with this fingerprint.
  const unchanged = (await sourceKey(options)) === key;
  const data = {
    sourceKey: key,
    fingerprint: dataset.fingerprint,
    facts: factsOf(dataset),
    leaks: findLeaks(dataset),
    warnings: dataset.warnings ?? [],
  };
  return { ...data, newSource: unchanged, encoded: async () => dataset };
}

/** Stores what the database needs to know freshly loaded data again without parsing it. */
export function remember(store: Store, data: SearchData): void {
  if (data.newSource)
    store.sources.remember(data.sourceKey, {
      fingerprint: data.fingerprint,
      facts: { ...data.facts, leaks: data.leaks, warnings: data.warnings },
    });
}

/** The remembered fingerprint and facts of a source; undefined when unknown or out of shape. */
function recalled(
  store: Store,
  key: string,
  taskCount: number,
): Pick<SearchData, 'fingerprint' | 'facts' | 'leaks' | 'warnings'> | undefined {
  const source = store.sources.find(key);
  if (!source) return undefined;
  try {
    const facts = source.facts as DatasetFacts & { leaks?: unknown; warnings?: unknown };
    // A source remembered before encoding warnings were: loaded again, so that they are known.
    if (!Array.isArray(facts.leaks) || !Array.isArray(facts.warnings)) return undefined;
    return {
      fingerprint: source.fingerprint,
      facts: datasetOf(facts, taskCount),
      leaks: facts.leaks as Leak[],
      warnings: facts.warnings as EncodingWarning[],
    };
  } catch {
    return undefined; // a row this taskgroup cannot read: load the file as if it were not known
  }
}

/** Loads the rows of a remembered source; a different fingerprint would be a bug of ours. */
async function loadChecked(
  options: LoadOptions,
  fingerprint: string,
  signal?: AbortSignal,
): Promise<EncodedDataset> {
  const dataset = await loadDataset(options, signal);
  if (dataset.fingerprint !== fingerprint) {
    throw new InternalError(
      `${options.file}: its source key was remembered with fingerprint ${fingerprint.slice(0, 12)}, loading it gives ${dataset.fingerprint.slice(0, 12)}`,
    );
  }
  return dataset;
}

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
};
