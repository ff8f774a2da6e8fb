import { readFileSync } from 'node:fs';

/** The tool's version, from package.json (reports record it). */
export const toolVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
