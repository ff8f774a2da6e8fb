import { dataError } from '../errors.js';

/** Which header columns are tasks and which are features, as header indices. */
export interface ColumnChoice {
  tasks: number[];
  /** Feature columns in file order. */
  features: number[];
  /** The embedded columns, as positions in `features` (so in file order). */
  embed: number[];
}

export interface ColumnRequest {
  tasks: string[];
  features?: string[];
  exclude: string[];
  /** Feature columns to embed. */
  embed?: string[];
}

/**
 * Matches the requested task, feature and exclude names against the header. Features default to
 * every column that is not a task; a name the header lacks is a UsageError that lists some
 * columns the file does have.
 */
export function pickColumns(file: string, header: string[], r: ColumnRequest): ColumnChoice {
  const index = new Map(header.map((name, i) => [name, i]));
  const find = (name: string, role: string): number => {
    const i = index.get(name);
    if (i === undefined)
      throw dataError(`${file}: unknown ${role} column "${name}"; ${available(header)}`);
    return i;
  };
  const tasks = r.tasks.map((name) => find(name, 'task'));
  const isTask = new Set(tasks);
  for (const name of r.features ?? []) {
    if (isTask.has(find(name, 'feature')))
      throw dataError(`${file}: column "${name}" is a task; it cannot also be a feature`);
  }
  const excluded = new Set(r.exclude.map((name) => find(name, 'exclude')));
  const wanted =
    r.features === undefined ? undefined : new Set(r.features.map((name) => index.get(name)!));
  const features = header
    .map((_, i) => i)
    .filter((i) => !isTask.has(i) && !excluded.has(i) && (wanted === undefined || wanted.has(i)));
  if (features.length === 0)
    throw dataError(`${file}: no feature columns left after removing tasks and exclusions`);
  const position = new Map(features.map((i, f) => [i, f]));
  const embed = (r.embed ?? []).map((name) => {
    const f = position.get(find(name, 'embed'));
    if (f === undefined)
      throw dataError(
        `${file}: embed column "${name}" is not a feature (it is a task, excluded, or left out of the features)`,
      );
    return f;
  });
  return { tasks, features, embed: embed.sort((a, b) => a - b) };
}

function available(header: string[]): string {
  const shown = header.slice(0, 12).join(', ');
  return `the file has ${shown}${header.length > 12 ? ` and ${header.length - 12} more` : ''}`;
}
