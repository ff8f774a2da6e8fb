import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tempDir.js';

// The package as a newcomer gets it: `npm pack`, installed into an empty project, then the
// Library example of docs/library.md run verbatim with node and typechecked against the
// installed types. No registry is asked: the tarball is unpacked into the project's
// node_modules and each of its "dependencies" linked from this checkout's node_modules (an
// offline `npm install` of the tarball needs every dependency in npm's cache, and builds
// better-sqlite3 from source for about 2 minutes). The optional peer dependencies
// (TensorFlow.js) are not linked: the example must run without them, as a default install does.
const root = process.cwd();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The first ```ts block of docs/library.md: the example, verbatim. */
const example = /```ts\n([\s\S]*?)```/.exec(readFileSync('docs/library.md', 'utf8'))![1];

/** `npm pack` of this checkout (dist/ built by `pretest`) unpacked as node_modules/taskgroup of `project`. */
function install(project: string): string {
  const packed = tempDir();
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packed, '--silent'], {
    encoding: 'utf8',
  });
  const [tarball] = readdirSync(packed).filter((name) => name.endsWith('.tgz'));
  const pkg = join(project, 'node_modules', 'taskgroup');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(packed, tarball), '-C', pkg, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const link = (name: string, into: string) => {
    mkdirSync(dirname(join(into, name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(into, name), 'dir');
  };
  for (const name of Object.keys(manifest.dependencies)) link(name, join(pkg, 'node_modules'));
  link('@types/node', join(project, 'node_modules')); // the consumer's own, for node:fs
  return pkg;
}

test("the packed package runs docs/library.md's example verbatim in an empty project and typechecks it against the installed types", async () => {
  const project = tempDir('taskgroup-consumer-');
  writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
  const pkg = install(project);
  assert.equal(existsSync(join(pkg, 'LICENSE')), true, 'LICENSE in the package');

  writeFileSync(join(project, 'example.mjs'), example);
  const run = spawnSync(process.execPath, ['example.mjs'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\[ *\[.*'click'/s, 'the grouping is printed');
  assert.match(readFileSync(join(project, 'report.html'), 'utf8'), /<html/);

  writeFileSync(join(project, 'example.ts'), example);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files: ['example.ts'],
    }),
  );
  const check = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);

  // The command line of the installed package, without TensorFlow.js: a tfjs trainer asked for
  // is refused naming what to install.
  const cli = spawnSync(
    process.execPath,
    [join(pkg, 'bin', 'taskgroup.js'), 'search', '--data', 'x.csv', '--tasks', 'a,b'].concat([
      '--backend',
      'cpu',
    ]),
    { cwd: project, encoding: 'utf8' },
  );
  assert.equal(cli.status, 2, cli.stderr);
  assert.match(
    cli.stderr,
    /--backend cpu: @tensorflow\/tfjs is not installed: install @tensorflow\/tfjs/,
  );
});
