/**
 * Escaping of user-chosen text (task names come from the user's CSV header) for each output
 * language. Every string a renderer did not write itself goes through one of these, and each of
 * them shows the text as shownText does: one escaping for every human-facing output.
 */

/**
 * Characters that a terminal, an editor, a spreadsheet or a browser acts on or hides instead of
 * showing: controls (C0 with tab and line breaks, DEL, C1: ESC starts the sequences that retitle
 * a window or recolour a terminal, U+009B is a one-character CSI), format characters (the
 * zero-width space U+200B and joiners, the byte-order mark U+FEFF, the soft hyphen, the
 * bidirectional overrides and isolates that reorder what is shown, tag characters), line and
 * paragraph separators, lone surrogates, and the Hangul fillers that draw as blanks.
 */
const NOT_SHOWN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

const NAMED: Readonly<Record<string, string>> = Object.freeze({
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
});

/** `\x1b`, `\u200b`, `\u{e0041}`: a character written as JavaScript writes it in a string. */
const escapeCode = (ch: string): string => {
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16);
  if (NAMED[ch] !== undefined) return NAMED[ch];
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
};

/**
 * The one escaping of user text (task and column names from the CSV header, paths and values
 * from the command line) for every human-facing output: the terminal (summaries, tables, errors,
 * warnings, worker logs), Markdown, CSV and HTML. Every character of NOT_SHOWN is written out
 * visibly, the way JavaScript writes it, so the text also stays on one line:
 * `shownText('a\x1b[31mb\u200b')` → `a\x1b[31mb\u200b` (backslashes and letters, not a colour
 * change and a hidden character). Each format adds its own syntax on top (code spans, CSV
 * quoting, HTML entities); JSON, read by programs, keeps the text exact.
 */
export function shownText(text: string): string {
  return text.replace(NOT_SHOWN, escapeCode);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text safe in HTML (and inline SVG) element content and in quoted attribute values, shown as
 * shownText shows it. `escapeHtml('<b a="x">&\'')` → `&lt;b a=&quot;x&quot;&gt;&amp;&#39;`.
 */
export function escapeHtml(text: string): string {
  return shownText(text).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * A GitHub-flavoured Markdown code span that shows `text` literally. Inside a code span nothing
 * is markup except backticks (a longer fence wraps them); in a table cell (`inTable`, the
 * default) the pipe must also be written `\|`, which GFM unescapes before reading the span (in
 * running text the backslash would show, so it is not added there). Line breaks and the other
 * characters not shown are written as shownText writes them (`\n`).
 * `markdownCode('a|b')` → `` `a\|b` ``; ``markdownCode('x`y')`` → ``` ``x`y`` ```.
 */
export function markdownCode(text: string, inTable = true): string {
  const oneLine = shownText(text);
  const body = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A span that starts or ends with a backtick (or is blank) needs a space of padding, which
  // CommonMark strips again.
  const pad = /^`|`$|^ *$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Plain Markdown text inside a line (a table cell, a sentence) with the characters that could
 * start inline markup backslash-escaped; GFM allows a backslash before any ASCII punctuation.
 * Block markers (#, -, +, 1.) only count at the start of a line, which this text never is.
 * Characters not shown are written as shownText writes them. Used for free text such as a
 * backend name; task names use `markdownCode`.
 */
export function escapeMarkdown(text: string): string {
  return shownText(text).replace(/[\\`*_[\]<>|&~!]/g, '\\$&');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts or ends with
 * a space; quotes inside are doubled. `csvField('a,"b"')` → `"a,""b"""`. User text reaches it
 * through spreadsheetText, so the line breaks it quotes are never the user's.
 */
export function csvField(text: string): string {
  if (!/[",\r\n]|^ | $/.test(text)) return text;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Text a spreadsheet will show as text: a cell that starts with = + - @ would be read as a
 * formula (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets hide. Only
 * user text goes through this; numbers are written as numbers. Characters not shown, tabs and
 * line breaks included, are written as shownText writes them: a CSV report is read in terminals
 * and editors too, where a raw CR rewrites the line. `spreadsheetText('=SUM(A1)')` → `'=SUM(A1)`.
 */
export function spreadsheetText(text: string): string {
  const shown = shownText(text);
  return /^[=+\-@]/.test(shown) ? `'${shown}` : shown;
}
