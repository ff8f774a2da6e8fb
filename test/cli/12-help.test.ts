import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const commands = ['search', 'solve', 'report', 'resume', 'status', 'worker'];

test('bare taskgroup prints its help on stdout and exits 0', async () => {
  const result = await runCli([]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^Usage: taskgroup /);
  for (const command of commands) assert.match(result.stdout, new RegExp(`\\n  ${command} `));
});

test('-v and --version print the version of package.json', async () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  for (const flag of ['-v', '--version']) {
    const result = await runCli([flag]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${version}\n`);
  }
});

test("every command's --help shows 2 or 3 examples of that command and the exit codes, with defaults unquoted", async () => {
  for (const command of commands) {
    const help = (await runCli([command, '--help'])).stdout;
    const examples = help.match(new RegExp(`^  \\$ taskgroup ${command} `, 'gm')) ?? [];
    assert.ok(examples.length >= 2 && examples.length <= 3, `${command}: ${examples.length}`);
    for (const code of ['0 ', '1 ', '2 ', '130 '])
      assert.match(help, new RegExp(`Exit codes:[\\s\\S]*\\n  ${code}`), `${command}: ${code}`);
    assert.doesNotMatch(help, /\(default: "/, `${command} shows a default quoted`);
  }
  const solve = (await runCli(['solve', '--help'])).stdout.replace(/\s+/g, ' ');
  assert.match(solve, /--mode <mode> partition \| overlap \(default: partition\)/);
  assert.match(solve, /--top <K> also print the next K−1 best distinct answers \(default: 1,/);
  assert.match((await runCli(['status', '--help'])).stdout, /\(default: taskgroup\.db\)/);
});

test('worker --backend names the trainers, not a TensorFlow.js backend', async () => {
  const help = (await runCli(['worker', '--help'])).stdout;
  assert.doesNotMatch(help, /TensorFlow\.js backend/);
  assert.match(help.replace(/\s+/g, ' '), /--backend <name> trainer: auto\|node\|wasm\|cpu/);
});
