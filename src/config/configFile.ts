import { readFileSync } from 'node:fs';
import { fileProblem, UsageError } from '../errors.js';
import { assertRegularFile } from '../fileKind.js';
import { parseOptions } from './optionSchema.js';
import { searchConfigSchema, type SearchConfigParsed } from './searchOptions.js';

/**
 * Reads a `--config` JSON file, checked by the search options' schema (searchOptions.ts): its
 * keys are the library's options, and an unknown one, at any level, is an error (a typo must not
 * pass silently). A FIFO, a device or a folder is refused before it is opened.
 */
export function readConfigFile(file: string): SearchConfigParsed {
  assertRegularFile(`--config ${file}`, file, 'E_CONFIG');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw (
      fileProblem(`--config ${file}`, error, 'read it') ??
      new UsageError(`--config ${file}: no such file or not readable`)
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseOptions(searchConfigSchema(`--config ${file}`), parsed);
}
