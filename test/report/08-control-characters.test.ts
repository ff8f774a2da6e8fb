import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCsv } from '../../src/report/csv.js';
import { escapeHtml, shownText } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import type { ReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { loadFixture } from './fixture.js';

/** A window-title sequence, a bell and a colour change; a one-character CSI (C1); a right-to-left override. */
const TITLE = 'click\x1b]0;pwned\x07\x1b[31m';
const C1 = 'like\u009b2J';
const BIDI = 'share\u202etxt.exe';
/** A name with a tab, a carriage return and a line feed, and one with a zero-width space and a byte-order mark. */
const BREAKS = 'watch\ttime\r\nx';
const HIDDEN = 'fin\u200bish\ufeff';
/** Characters a terminal or viewer acts on or hides: every C0 control, DEL, C1, zero-width and bidi marks, BOM. */
const ACTS = /[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** The model fixture with three task names replaced by hostile ones, everywhere they appear. */
function hostileModel(): ReportModel {
  const model = loadFixture('model');
  const names = new Map([
    [model.tasks[0], TITLE],
    [model.tasks[1], C1],
    [model.tasks[2], BIDI],
    [model.tasks[3], BREAKS],
    [model.tasks[4], HIDDEN],
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

describe('#5 #16 control and invisible characters in names', () => {
  it('are written out visibly by the one escaping function, the way JavaScript writes them', () => {
    assert.equal(shownText(TITLE), 'click\\x1b]0;pwned\\x07\\x1b[31m');
    assert.equal(shownText(C1), 'like\\x9b2J');
    assert.equal(shownText(BIDI), 'share\\u202etxt.exe');
    assert.equal(shownText(BREAKS), 'watch\\ttime\\r\\nx');
    assert.equal(shownText(HIDDEN), 'fin\\u200bish\\ufeff');
    assert.equal(shownText('tag\u{e0041}'), 'tag\\u{e0041}', 'astral format characters too');
    assert.equal(shownText('plain café ü 名前 😀'), 'plain café ü 名前 😀');
    assert.equal(shownText(shownText(TITLE)), shownText(TITLE), 'escaping twice changes nothing');
    assert.equal(escapeHtml(HIDDEN), 'fin\\u200bish\\ufeff');
  });

  it('reach no HTML report raw', () => {
    const html = renderHtml(hostileModel());
    assert.doesNotMatch(html.replace(/\n/g, ''), ACTS);
    assert.ok(html.includes('fin\\u200bish\\ufeff'));
  });

  it('reach no Markdown report raw: each name shows its escapes in its code span', () => {
    const md = renderMarkdown(hostileModel());
    assert.doesNotMatch(md.replace(/\n/g, ''), ACTS);
    assert.match(md, /\| `click\\x1b\]0;pwned\\x07\\x1b\[31m` \|/);
    assert.match(md, /`like\\x9b2J`/);
    assert.match(md, /`share\\u202etxt\.exe`/);
    assert.match(md, /`watch\\ttime\\r\\nx`/);
    assert.match(md, /`fin\\u200bish\\ufeff`/);
  });

  it('reach no CSV file raw, and names still fill their cells', () => {
    for (const file of renderCsv(hostileModel()))
      assert.doesNotMatch(file.content.replace(/\n/g, ''), ACTS, file.name);
    const groups = renderCsv(hostileModel()).find((f) => f.name === 'groups.csv')!.content;
    assert.match(groups, /^click\\x1b\]0;pwned\\x07\\x1b\[31m,0,/m);
    assert.match(groups, /^watch\\ttime\\r\\nx,/m, 'a CR, LF or TAB never breaks a row');
    assert.equal(groups.trimEnd().split('\n').length, hostileModel().tasks.length + 1);
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
