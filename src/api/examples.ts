import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InternalError, UsageError } from '../errors.js';
import { packageFile } from '../packageFiles.js';

/**
 * The example data shipped in the package, by name: `recsys` is the quickstart's synthetic
 * recommender dataset, 6,000 rows and 7 tasks in 3 planted clusters; `shop` a synthetic
 * e-commerce table of 5,000 rows with planted auxiliary tasks (docs/auxiliary.md). A path relative to the
 * package would be resolved against the user's working directory; this gives the absolute path
 * of the installed file.
 */
const examples = Object.freeze({ recsys: 'examples/recsys.csv', shop: 'examples/shop.csv' });

export type ExampleName = keyof typeof examples;
export const exampleNames = Object.freeze(Object.keys(examples)) as readonly ExampleName[];

/** The absolute path of a bundled example dataset: `search({ data: exampleData('recsys'), ... })`. */
export function exampleData(name: ExampleName): string {
  if (typeof name !== 'string' || !Object.hasOwn(examples, name))
    throw new UsageError(
      `exampleData: ${JSON.stringify(name)} is not a bundled example (${exampleNames.join(', ')})`,
    );
  const path = fileURLToPath(packageFile(examples[name]));
  if (!existsSync(path))
    throw new InternalError(`exampleData: ${path} is missing from the installed package`);
  return path;
}
