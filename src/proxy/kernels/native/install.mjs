// Builds the native kernels (binding.gyp) when the package is installed: `npm install`,
// `npm ci`, or `npm run build:native` after kernels.c changes. Optional by design: whatever
// goes wrong, it prints one line and exits 0, the install goes on, and training uses
// kernels.wasm (kernelModule.ts). It downloads nothing: node-gyp builds against the headers of
// the Node that runs it (npm's nodedir setting, or the include/node folder beside node), with
// the node-gyp that npm bundles and points to in npm_config_node_gyp.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const log = join(here, 'build.log');
const say = (line) => process.stdout.write(`taskgroup: ${line}\n`);
const fallBack = (why) => {
  say(`native kernels not built (${why}); training uses the WebAssembly kernels`);
  process.exit(0);
};

if (process.arch !== 'x64') fallBack(`they need an x86-64 processor, this is ${process.arch}`);
if (process.platform === 'win32') fallBack('they need gcc or clang, not MSVC');

// npm sets npm_config_node_gyp for its scripts; elsewhere, the copy inside npm beside node.
const nodeGyp = [
  process.env.npm_config_node_gyp,
  join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  ),
].find((file) => file && existsSync(file));
if (!nodeGyp) fallBack('node-gyp not found: run this through npm');

const prefix = join(dirname(process.execPath), '..');
const headers =
  process.env.npm_config_nodedir ||
  (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
if (!headers) fallBack(`no Node headers in ${join(prefix, 'include', 'node')} and no nodedir set`);

// node-gyp lets npm_config_* variables override its arguments: set nodedir there too.
const built = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', `--directory=${here}`, `--nodedir=${headers}`],
  {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_nodedir: headers },
  },
);
writeFileSync(
  log,
  `${built.stdout ?? ''}${built.stderr ?? ''}${built.error ? String(built.error) : ''}`,
);
if (built.status !== 0) {
  // The compiler's first error, else node-gyp's own, else any line that says error.
  const lines = `${built.stderr ?? ''}`.split('\n');
  const cause = [/\berror: /, /Error: /, /error/i]
    .map((re) => lines.find((l) => re.test(l)))
    .find(Boolean);
  fallBack(
    `node-gyp failed: ${(cause ?? `exit ${built.status}`).trim().slice(0, 160)}; full log in ${relative(process.cwd(), log)}`,
  );
}
try {
  const addon = createRequire(import.meta.url)(
    join(here, 'build', 'Release', 'taskgroup_kernels.node'),
  );
  say(`native kernels built (${addon.isas.join(', ')}); training uses the widest`);
} catch (err) {
  fallBack(`the build does not load: ${String(err.message).split('\n')[0]}`);
}
