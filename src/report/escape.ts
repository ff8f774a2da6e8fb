/**
 * Escaping of user-chosen text (task names come from the user's CSV header) for each output
 * language. Every string a renderer did not write itself goes through one of these.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text safe in HTML (and inline SVG) element content and in quoted attribute values.
 * `escapeHtml('<b a="x">&\'')` → `&lt;b a=&quot;x&quot;&gt;&amp;&#39;`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * A GitHub-flavoured Markdown code span that shows `text` literally. Inside a code span nothing
 * is markup except backticks (a longer fence wraps them); in a table cell (`inTable`, the
 * default) the pipe must also be written `\|`, which GFM unescapes before reading the span (in
 * running text the backslash would show, so it is not added there). Line breaks would end the
 * paragraph or table row, so they show as `↵`.
 * `markdownCode('a|b')` → `` `a\|b` ``; ``markdownCode('x`y')`` → ``` ``x`y`` ```.
 */
export function markdownCode(text: string, inTable = true): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, '↵');
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
 * Line breaks become spaces. Used for free text such as a backend name; task names use
 * `markdownCode`.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|&~!]/g, '\\$&');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts or ends with
 * a space; quotes inside are doubled. `csvField('a,"b"')` → `"a,""b"""`.
 */
export function csvField(text: string): string {
  if (!/[",\r\n]|^ | $/.test(text)) return text;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Text a spreadsheet will show as text: a cell that starts with = + - @ TAB or CR would be read
 * as a formula (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets hide.
 * Only user text goes through this; numbers are written as numbers.
 * `spreadsheetText('=SUM(A1)')` → `'=SUM(A1)`.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
