import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { nativeKernelsStatus } from '../../src/proxy/kernels/nativeKernels.js';
import {
  KERNELS_IDENTITY,
  resolveTrainer,
  TRAINERS,
  trainerNamed,
} from '../../src/proxy/trainers/index.js';
import { run, tinyDataset } from './helpers.js';

const usage = (pattern: RegExp) => (err: unknown) =>
  err instanceof UsageError && err.exitCode === 2 && pattern.test(err.message);

test('auto picks the fastest trainer available: the native kernels when built, else their WebAssembly build', () => {
  const expected =
    nativeKernelsStatus().available && process.env.TASKGROUP_KERNELS !== 'wasm'
      ? 'native-kernels'
      : 'wasm-kernels';
  assert.equal(resolveTrainer('auto').name, expected);
  assert.equal(
    resolveTrainer('wasm').name,
    expected,
    '`wasm` still means the kernels, whichever build runs',
  );
  assert.equal(resolveTrainer('wasm-kernels').name, 'wasm-kernels');
});

test("the kernels' builds share one numeric identity; each plain tfjs trainer has its own, with its version", () => {
  assert.equal(trainerNamed('native-kernels').identity, KERNELS_IDENTITY);
  assert.equal(trainerNamed('wasm-kernels').identity, KERNELS_IDENTITY);
  const plain = TRAINERS.filter((t) => t.identity !== KERNELS_IDENTITY).map((t) => t.identity);
  assert.equal(new Set(plain).size, 3);
  assert.match(trainerNamed('tfjs-cpu').identity, /^tfjs-cpu@\d+\.\d+\.\d+$/);
});

test(
  'asking for node without a loadable tfjs-node is a usage error naming --backend node',
  { skip: nodeSkip() },
  () => {
    assert.throws(
      () => resolveTrainer('node'),
      usage(/^--backend node: @tensorflow\/tfjs-node is .* \(use --backend auto or wasm\)$/),
    );
  },
);

test('an unknown backend is a usage error listing the names', () => {
  assert.throws(
    () => resolveTrainer('gpu'),
    usage(/^--backend must be one of auto, node, wasm, cpu \(got "gpu"\)$/),
  );
});

test('a resumed search keeps its numbers: a trainer of another identity is refused, saying which would do', () => {
  assert.equal(resolveTrainer('auto', trainerNamed('tfjs-cpu').identity).name, 'tfjs-cpu');
  assert.throws(
    () => resolveTrainer('cpu', KERNELS_IDENTITY),
    usage(/^--backend cpu computes other numbers .*use --backend native-kernels or wasm-kernels$/),
  );
});

/**
 * The plain TensorFlow.js trainer: the same network written with autograd, so its losses agree
 * with the kernels' to float rounding. It runs today on tfjs's cpu backend, and on tfjs-node
 * wherever that is installed (the path --backend node takes).
 */
for (const name of ['tfjs-cpu', 'tfjs-node']) {
  test(
    `${name} trains the runs and agrees with the kernels`,
    { skip: name === 'tfjs-node' && nodeSkip() === false ? 'tfjs-node is not installed' : false },
    async () => {
      const ds = tinyDataset();
      const specs = [run([0, 1]), run([2], 3)];
      const plain = await trainerNamed(name).train(ds, specs);
      const kernels = await resolveTrainer('auto').train(ds, specs);
      plain.forEach((result, i) => {
        assert.equal(result.backend, name);
        assert.equal(result.losses.length, specs[i].tasks.length);
        result.losses.forEach((loss, p) =>
          assert.ok(
            Math.abs(loss - kernels[i].losses[p]) < 1e-4,
            `${loss} vs ${kernels[i].losses[p]}`,
          ),
        );
      });
    },
  );
}

/** Trains one run with `--backend name` in a fresh process; says whether TensorFlow.js loaded (its engine is a global). */
function loadsTfjs(name: string): boolean {
  const script = `
    const { resolveTrainer } = await import('./src/proxy/trainers/index.ts');
    const { tinyDataset, run } = await import('./test/proxy/helpers.ts');
    await resolveTrainer('${name}').train(tinyDataset(), [run([0, 1])]);
    process.stdout.write(JSON.stringify('_tfengine' in globalThis));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    }),
  ) as boolean;
}

test('training on the kernels loads no TensorFlow.js; the plain tfjs trainer does', () => {
  assert.equal(loadsTfjs('auto'), false);
  assert.equal(loadsTfjs('cpu'), true);
});

/** A skip reason when tfjs-node is usable here (then --backend node resolves), else false. */
function nodeSkip(): string | false {
  try {
    resolveTrainer('node');
    return 'tfjs-node is installed and loads here';
  } catch {
    return false;
  }
}
