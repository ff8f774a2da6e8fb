import { UsageError } from '../errors.js';
import { MAX_AUX_MAIN_TASKS, type TaskRoles } from '../search/index.js';
import type { TaskRequest } from './parse.js';

/**
 * `--aux LIST`: the auxiliary tasks, by name, among `--tasks` (each once); the others are main.
 * At least one task stays main, and at most MAX_AUX_MAIN_TASKS do (the solver prices every
 * group of main tasks). Returned in the order of `--tasks`. The message names `field`.
 */
export function auxiliaryTasks(field: string, names: string[], tasks: TaskRequest[]): string[] {
  const known = tasks.map((t) => t.name);
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.includes(name))
      throw new UsageError(`${field}: "${name}" is not one of the tasks (${known.join(', ')})`);
    if (seen.has(name)) throw new UsageError(`${field} names "${name}" twice`);
    seen.add(name);
  }
  const main = known.length - seen.size;
  if (seen.size > 0 && main === 0)
    throw new UsageError(`${field} names every task; leave at least one main task`);
  if (seen.size > 0 && main > MAX_AUX_MAIN_TASKS)
    throw new UsageError(
      `${field} leaves ${main} main tasks; a search with auxiliaries takes at most ${MAX_AUX_MAIN_TASKS} (every group of them is priced)`,
    );
  return known.filter((name) => seen.has(name));
}

/** The roles of a study's tasks, by index; undefined when it names no auxiliary task. */
export function rolesOf(study: { tasks: TaskRequest[]; aux: string[] }): TaskRoles | undefined {
  if (study.aux.length === 0) return undefined;
  const isAux = (name: string) => study.aux.includes(name);
  const indices = study.tasks.map((t, i) => ({ i, aux: isAux(t.name) }));
  return {
    main: indices.filter((x) => !x.aux).map((x) => x.i),
    aux: indices.filter((x) => x.aux).map((x) => x.i),
  };
}
