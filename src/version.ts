import { readFileSync } from 'node:fs';
import { packageFile } from './packageFiles.js';

/** The tool's version, from package.json (reports record it). */
export const toolVersion: string = (
  JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }
).version;
