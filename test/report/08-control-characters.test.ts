import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCsv } from '../../src/report/csv.js';
import { terminalText, visibleText } from '../../src/report/escape.js';
import { renderJson } from '../../src/report/json.js';
import type { ReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { loadFixture } from './fixture.js';

/** A window-title sequence, a bell and a colour change; a one-character CSI (C1); a right-to-left override. */
const TITLE = 'click\x1b]0;pwned\x07\x1b[31m';
const C1 = 'like\u009b2J';
const BIDI = 'share\u202etxt.exe';
/** Characters a terminal acts on: every C0 control but tab and line breaks, DEL, C1, bidi marks. */
const ACTS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** The model fixture with three task names replaced by hostile ones, everywhere they appear. */
function hostileModel(): ReportModel {
  const model = loadFixture('model');
  const names = new Map([
    [model.tasks[0], TITLE],
    [model.tasks[1], C1],
    [model.tasks[2], BIDI],
  ]);
  const rename = (task: string) => names.get(task) ?? task;
  const regroup = (grouping: string[][]) => grouping.map((g) => g.map(rename));
  return {
    ...model,
    tasks: model.tasks.map(rename),
    grouping: regroup(model.grouping),
    perTask: model.perTask.map((row) => ({ ...row, task: rename(row.task) })),
    transfer: { ...model.transfer, tasks: model.transfer.tasks.map(rename) },
    alternatives: model.alternatives.map((a) => ({ ...a, grouping: regroup(a.grouping) })),
    baselines: {
      ...model.baselines,
      byBudget: model.baselines.byBudget.map((b) => ({ ...b, grouping: regroup(b.grouping) })),
    },
  };
}

describe('#5 control characters in names', () => {
  it('are written out visibly, the way JavaScript writes them', () => {
    assert.equal(visibleText(TITLE), 'click\\x1b]0;pwned\\x07\\x1b[31m');
    assert.equal(visibleText(C1), 'like\\x9b2J');
    assert.equal(visibleText(BIDI), 'share\\u202etxt.exe');
    assert.equal(visibleText('a\tb\nc'), 'a\tb\nc', 'tabs and line breaks are left to each format');
    assert.equal(terminalText('a\tb\nc\r'), 'a\\tb\\nc\\r', 'one terminal line escapes them too');
    assert.equal(visibleText('plain café ü'), 'plain café ü');
  });

  it('reach no Markdown report raw: each name shows its escapes in its code span', () => {
    const md = renderMarkdown(hostileModel());
    assert.doesNotMatch(md, ACTS);
    assert.match(md, /\| `click\\x1b\]0;pwned\\x07\\x1b\[31m` \|/);
    assert.match(md, /`like\\x9b2J`/);
    assert.match(md, /`share\\u202etxt\.exe`/);
  });

  it('reach no CSV file raw, and names still fill their cells', () => {
    for (const file of renderCsv(hostileModel()))
      assert.doesNotMatch(file.content, ACTS, file.name);
    const groups = renderCsv(hostileModel()).find((f) => f.name === 'groups.csv')!.content;
    assert.match(groups, /^click\\x1b\]0;pwned\\x07\\x1b\[31m,0,/m);
  });

  it('stay exact in JSON, which escapes what it must itself (a name must round-trip for scripts)', () => {
    const json = renderJson(hostileModel());
    assert.doesNotMatch(
      json,
      /[\x00-\x09\x0b-\x1f]/,
      'JSON escapes C0 controls (its own line breaks aside)',
    );
    assert.deepEqual(JSON.parse(json).tasks.slice(0, 3), [TITLE, C1, BIDI]);
  });
});
