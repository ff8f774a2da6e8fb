import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressView, type SearchStart } from '../../src/cli/progress.js';
import type { ExecuteProgress } from '../../src/pipeline/execute.js';
import { progressAcrossRounds } from '../../src/pipeline/searchProgress.js';

/** A terminal that keeps what is written to it. */
function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write: (chunk: string) => written.push(chunk) > 0,
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => written.join('') };
}

/** The bar frames drawn, in order: each line of text between cursor moves that holds a bar. */
const framesOf = (text: string) =>
  text
    .split(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\n/)
    .filter((piece) => / \d+\/\d+ \| /.test(piece))
    .map((frame) => {
      const [, stage, value, total] = frame.match(/^(.+?) [#-]+ (\d+)\/(\d+) \|/)!;
      return { frame, stage, value: Number(value), total: Number(total) };
    });

const start: SearchStart = { searchId: 'ab12cd34', total: 87, pending: 87, trainer: 'fake' };

/**
 * The quickstart's shape, replayed through the pipeline's progress across rounds: 87 runs in
 * batches of 6 a second, then a verification round of 6 runs, then one of 3 whose runs are
 * cached but one. One second passes between updates.
 */
function replay(view: ReturnType<typeof progressView>, tick: (ms: number) => void) {
  const rounds = progressAcrossRounds((p) => view.update(p));
  const round = (total: number, cached: number, batch: number) => {
    const p: ExecuteProgress = { total, done: cached, failed: 0, trained: 0 };
    rounds.report({ ...p });
    while (p.done < total) {
      tick(1000);
      const step = Math.min(batch, total - p.done);
      p.done += step;
      p.trained += step;
      rounds.report({ ...p });
    }
    rounds.endRound();
  };
  view.start(start);
  round(87, 0, 6);
  round(6, 0, 6);
  round(3, 2, 1);
  view.stop();
}

test('on a terminal each stage has its own bar and count: a full bar never falls back when verification adds runs', (t) => {
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'] });
  const terminal = fakeTerminal(true);
  const view = progressView({ quiet: false }, { stream: terminal.stream, now: () => Date.now() });
  replay(view, (ms) => t.mock.timers.tick(ms));
  const frames = framesOf(terminal.text());
  const stages = [...new Set(frames.map((f) => f.stage))];
  assert.deepEqual(stages, ['first runs', 'verification round 1', 'verification round 2']);
  for (const stage of stages) {
    const own = frames.filter((f) => f.stage === stage);
    assert.equal(new Set(own.map((f) => f.total)).size, 1, `${stage}: one total`);
    own.reduce((before, f) => (assert.ok(f.value >= before, `${stage}: ${f.frame}`), f.value), 0);
    assert.equal(own.at(-1)!.value, own.at(-1)!.total, `${stage} ends full`);
  }
  assert.deepEqual(
    stages.map((stage) => frames.find((f) => f.stage === stage)!.total),
    [87, 6, 3],
  );
  // The opening's count says what it covers; the closing one adds every round, as the result does.
  assert.match(terminal.text(), /search ab12cd34: 87 runs to start with, 0 already known/);
  assert.match(terminal.text(), /runs: 96 \(2 verification rounds\), 96 done, 94 trained now/);
});

test('the first frame has no ETA to give and says so; later frames estimate from the runs trained', (t) => {
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'] });
  const terminal = fakeTerminal(true);
  const view = progressView({ quiet: false }, { stream: terminal.stream, now: () => Date.now() });
  replay(view, (ms) => t.mock.timers.tick(ms));
  const frames = framesOf(terminal.text());
  assert.match(frames[0].frame, /\| ETA –$/);
  for (const { frame } of frames) assert.doesNotMatch(frame, /NF|NULL|INF|NaN/);
  // 12 runs trained in 2 s, 75 left: 75 × 2/12 s.
  const twelve = frames.find((f) => f.stage === 'first runs' && f.value === 12)!;
  assert.match(twelve.frame, /\| ETA 13s$/);
  // A verification round's first frame estimates from the stage before it (87 runs in 15 s).
  const round = frames.find((f) => f.stage === 'verification round 1')!;
  assert.equal(round.value, 0);
  assert.match(round.frame, /\| ETA [12]s$/);
});

test('without a terminal the progress is a line at the start, one per verification round and one at the end', (t) => {
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'] });
  const terminal = fakeTerminal(false);
  const view = progressView({ quiet: false }, { stream: terminal.stream, now: () => Date.now() });
  replay(view, (ms) => t.mock.timers.tick(ms));
  assert.deepEqual(terminal.text().split('\n'), [
    'search ab12cd34: 87 runs to start with, 0 already known; training with fake; verification rounds add the runs they need',
    'verification round 1: 6 runs',
    'verification round 2: 3 runs',
    'runs: 96 (2 verification rounds), 96 done, 94 trained now, 0 failed',
    '',
  ]);
});

test('--quiet writes nothing', () => {
  const terminal = fakeTerminal(true);
  const view = progressView({ quiet: true }, { stream: terminal.stream, now: () => 0 });
  replay(view, () => {});
  assert.equal(terminal.text(), '');
});
