/**
 * Escaping of user-chosen text (task names come from the user's CSV header) for each output
 * language. Every string a renderer did not write itself goes through one of these.
 */

/**
 * Characters a terminal or a viewer acts on instead of showing: C0 controls but tab and line
 * breaks (ESC starts the sequences that retitle a window or recolour a terminal, BEL rings),
 * DEL, C1 controls (U+009B is a one-character CSI), and the Unicode marks that reorder or break
 * what is shown (bidirectional overrides and isolates, line and paragraph separators).
 */
const ACTED_ON =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, and tab, line feed and carriage return: what one line of a terminal escapes too. */
const ACTED_ON_IN_A_LINE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = Object.freeze({
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
});

/** `\x1b`, `\u202e`: a character written as JavaScript writes it in a string. */
const escapeCode = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return (
    NAMED[ch] ??
    (code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`)
  );
};

/**
 * User text with every character a terminal or viewer would act on written out visibly, the way
 * JavaScript writes it: `visibleText('a\x1b[31mb')` → `a\x1b[31mb` (a backslash and three
 * characters, not a colour change). Tabs and line breaks are kept: each format deals with them.
 */
export function visibleText(text: string): string {
  return text.replace(ACTED_ON, escapeCode);
}

/**
 * User text for one line of a terminal (a summary, a status table, an error message): as
 * visibleText, and tabs and line breaks written `\t`, `\n`, `\r`, so a name cannot break the
 * line or a table's columns.
 */
export function terminalText(text: string): string {
  return text.replace(ACTED_ON_IN_A_LINE, escapeCode);
}

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
 * paragraph or table row, so they show as `↵`; other controls as visibleText writes them.
 * `markdownCode('a|b')` → `` `a\|b` ``; ``markdownCode('x`y')`` → ``` ``x`y`` ```.
 */
export function markdownCode(text: string, inTable = true): string {
  const oneLine = visibleText(text.replace(/\r\n|\r|\n/g, '↵'));
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
  return visibleText(text.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]<>|&~!]/g, '\\$&');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts or ends with
 * a space; quotes inside are doubled. `csvField('a,"b"')` → `"a,""b"""`. Line breaks stay: a
 * quoted field holds them and parses back exactly.
 */
export function csvField(text: string): string {
  if (!/[",\r\n]|^ | $/.test(text)) return text;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Text a spreadsheet will show as text: a cell that starts with = + - @ TAB or CR would be read
 * as a formula (CSV injection, OWASP), so it gets a leading apostrophe, which spreadsheets hide.
 * Only user text goes through this; numbers are written as numbers. Controls other than tabs
 * and line breaks are written visibly (visibleText), as a terminal showing the file needs.
 * `spreadsheetText('=SUM(A1)')` → `'=SUM(A1)`.
 */
export function spreadsheetText(text: string): string {
  const shown = visibleText(text);
  return /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
}
