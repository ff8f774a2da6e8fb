/**
 * The stylesheet of the HTML report, inlined in its <style> element (the page loads nothing).
 * System fonts only; tabular figures for the number columns; a print block that keeps the
 * heatmap's colours, drops the page background and avoids breaking a card or figure.
 * Every colour outside the heatmap's cells is a variable, so a reader whose system asks for a
 * dark theme gets one on screen (print stays light). Text colours keep a WCAG contrast of 4.5
 * or more on their page in both themes (checked in a browser by the test suite). The cells keep
 * their colours in both themes: each cell's text is chosen for its own fill.
 */
export const HTML_STYLE = `
:root { color-scheme: light dark;
  --page: #ffffff; --ink: #1b1b1b; --muted: #5d5d66; --rule: #d9d9de; --soft: #f4f4f6;
  --help: #542788; --harm: #b35806; --accent: #2d004b; --outline: #1b1b1b;
  --notice: #fff3e3; --notice-ink: #7f3b08; --chosen-row: #f1eff8; --grid: #ececf0;
  --over: #f3f3f5; --no-value: #e6e6e6; --centre: #8a8a93; }
@media screen and (prefers-color-scheme: dark) {
  :root { --page: #141418; --ink: #e9e9ee; --muted: #a9a9b4; --rule: #3b3b44; --soft: #24242b;
    --help: #c2b5e6; --harm: #fdb863; --accent: #b2abd2; --outline: #e9e9ee;
    --notice: #3a2812; --notice-ink: #fdb863; --chosen-row: #2b2740; --grid: #2a2a31;
    --over: #1e1e24; --no-value: #3b3b44; --centre: #7d7d88; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--page);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 36px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
p { margin: 6px 0 10px; max-width: 78ch; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.9em; }
.sub { color: var(--muted); margin: 0; }
.lead { font-size: 17px; max-width: none; margin: 12px 0 4px; }
.muted { color: var(--muted); }
.notice { max-width: none; margin: 18px 0 6px; padding: 12px 16px; border-left: 5px solid var(--harm);
  background: var(--notice); font-weight: 500; }
.notice strong { color: var(--notice-ink); }
.headline { display: flex; flex-wrap: wrap; align-items: stretch; gap: 12px; margin: 14px 0 18px; }
.kpi { flex: 1 1 150px; padding: 10px 14px; border: 1px solid var(--rule); border-radius: 8px; }
.kpi .label { display: block; color: var(--muted); font-size: 12.5px; text-transform: uppercase;
  letter-spacing: 0.04em; }
.kpi .value { display: block; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .note { display: block; color: var(--muted); font-size: 13px; }
.kpi.main { border-color: var(--accent); border-width: 2px; }
.networks { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.network { border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px 12px;
  break-inside: avoid; }
.network h3 { display: flex; justify-content: space-between; align-items: baseline; margin: 0 0 6px;
  font-size: 15px; }
.network h3 .change { font-weight: 600; font-variant-numeric: tabular-nums; }
.network ul { list-style: none; margin: 0; padding: 0; }
.network li { display: flex; justify-content: space-between; gap: 8px; padding: 3px 0;
  border-top: 1px solid var(--soft); }
.network li span:last-child { font-variant-numeric: tabular-nums; white-space: nowrap; }
.task { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 13.5px; overflow-wrap: anywhere; white-space: pre-wrap; }
.help { color: var(--help); }
.harm { color: var(--harm); }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 14px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: middle; }
th { font-size: 12.5px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--rule); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.chosen td { background: var(--chosen-row); font-weight: 600; }
.est { font-style: italic; }
td.source, p.source { color: var(--muted); font-size: 13px; }
.network p.source { margin: -4px 0 4px; }
.legend { color: var(--muted); font-size: 13.5px; }
#decision h3 { font-size: 15px; margin: 18px 0 4px; }
.certificate { max-width: none; margin: 16px 0 8px; padding: 10px 14px; border-left: 4px solid var(--accent);
  background: var(--soft); }
ul.advice { margin: 6px 0 10px; padding-left: 22px; max-width: 78ch; }
ul.advice li { margin: 3px 0; }
.grouping .group { display: inline-block; margin: 1px 6px 1px 0; padding: 0 6px;
  border: 1px solid var(--rule); border-radius: 4px; background: var(--soft); }
.grouping .group:last-child { margin-right: 0; }
.grouping .group .task + .task::before { content: ", "; color: var(--muted); }
.figure-row { display: flex; flex-wrap: wrap; gap: 24px 36px; align-items: flex-start; }
.figure-row > .side { flex: 1 1 280px; max-width: 46ch; }
figure { margin: 10px 0; }
figcaption { color: var(--muted); font-size: 13px; max-width: 78ch; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 12px; fill: var(--ink); }
svg .label text { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
svg text.sig { font-weight: 700; font-size: 12px; }
svg text.insig { font-size: 11px; opacity: 0.8; }
svg .block { fill: none; stroke: var(--outline); stroke-width: 1.6; }
svg .bracket { fill: none; stroke: var(--muted); stroke-width: 1.5; }
svg text.netnum { font-weight: 700; fill: var(--muted); }
svg text.corner { fill: var(--muted); font-style: italic; }
svg .bar { stroke: var(--rule); }
svg .tick { stroke: var(--muted); }
svg .grid { stroke: var(--grid); }
svg .baseline { stroke: var(--muted); stroke-dasharray: 5 4; }
svg .over { fill: var(--over); }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .point { fill: var(--page); stroke: var(--accent); stroke-width: 2; }
svg .point.est, svg .chosen.est { fill: var(--page); stroke: var(--accent); stroke-dasharray: 3 2; }
svg text.est { font-style: italic; }
svg .chosen { fill: var(--help); stroke: var(--page); stroke-width: 2; }
svg text.value { font-size: 11px; fill: var(--muted); }
svg text.strong { font-weight: 700; fill: var(--ink); }
svg text.axis { fill: var(--muted); font-size: 12px; }
svg .muted { fill: var(--muted); }
svg.change-bar { vertical-align: middle; }
svg.change-bar .centre { stroke: var(--centre); }
svg.change-bar .spread { stroke: var(--outline); }
svg .no-value { fill: var(--no-value); }
.metric { white-space: nowrap; }
#per-task th, #per-task td { padding: 5px 8px; }
svg .pair-estimate { fill: var(--page); stroke: var(--harm); stroke-width: 2; }
svg .corrected-estimate { fill: var(--help); stroke: var(--page); stroke-width: 1; }
svg .link { stroke: var(--muted); stroke-width: 1; }
svg .whisker { stroke: var(--outline); stroke-width: 1.4; }
pre.command { overflow-x: auto; padding: 10px 14px; border-radius: 6px; background: var(--soft);
  white-space: pre-wrap; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
@media (max-width: 700px) { main { padding: 18px 14px; } .kpi .value { font-size: 22px; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  th, td, #per-task th, #per-task td { padding: 4px 6px; }
  .metric { white-space: normal; }
  h2 { break-after: avoid; margin-top: 22px; }
  figure, .network, .kpi, tr, dl.facts, .certificate { break-inside: avoid; }
  .notice { border: 1px solid var(--notice-ink); border-left-width: 5px; }
}
`;
