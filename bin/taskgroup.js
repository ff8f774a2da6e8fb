#!/usr/bin/env node
// The `taskgroup` command runs the compiled JavaScript in dist/: built by `npm install` and
// `npm ci` in a clone (the `prepare` script) and shipped in the package, so nothing is compiled
// at start. A clone whose build is missing (installed with --ignore-scripts) runs the TypeScript
// sources through tsx, a development dependency.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
const { main } = existsSync(compiled) ? await import(compiled.href) : await fromSources();
process.exitCode = await main(process.argv);

async function fromSources() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    // An incomplete installation, as a missing SQLite driver is (src/errors.ts, installError): exit 1.
    process.stderr.write(
      'taskgroup: dist/ is not built and tsx is not installed: run `npm run build` in the package\n',
    );
    process.exit(1);
  }
  return import('../src/cli/main.ts');
}
