import { readFileSync } from 'node:fs';
import { fileProblem, UsageError } from '../errors.js';
import { proxyFields } from './study.js';

/** The keys a study config may hold (a `--config` file, the library's options). */
const fileKeys = new Set([
  'data',
  'tasks',
  'features',
  'exclude',
  'weights',
  'budget',
  'seeds',
  'seed',
  'workers',
  'backend',
  'valFraction',
  'verify',
  'maxRuns',
  'exhaustive',
  'method',
  'proxy',
]);

/** Reads a `--config` JSON file; unknown keys are errors (a typo must not pass silently). */
export function readConfigFile(file: string): Record<string, unknown> {
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
  return checkConfigKeys(`--config ${file}`, parsed);
}

/** A study config (a `--config` file, the library's options): a JSON object of known keys only. */
export function checkConfigKeys(where: string, parsed: unknown): Record<string, unknown> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`${where}: must hold a JSON object`);
  }
  const config = parsed as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!fileKeys.has(key)) throw new UsageError(`${where}: unknown key "${key}"`);
  }
  const proxy = config.proxy;
  if (proxy !== undefined) {
    if (!proxy || typeof proxy !== 'object' || Array.isArray(proxy)) {
      throw new UsageError(`${where}: "proxy" must be an object`);
    }
    for (const key of Object.keys(proxy)) {
      if (!(key in proxyFields)) throw new UsageError(`${where}: unknown key "proxy.${key}"`);
    }
  }
  return config;
}
