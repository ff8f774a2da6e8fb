import assert from 'node:assert/strict';

/** Reading a Markdown report back in tests: its tables, sections and text outside code spans. */

/** The cells of a table row, split on pipes that are not backslash-escaped. */
export const cells = (line: string): string[] =>
  line
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** Every table of a document, as arrays of rows of cells (delimiter row dropped). */
export function tables(markdown: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      current ??= [];
      if (!/^\|( ?-+:? \|)+$/.test(line.replace(/ ---:? /g, ' -- '))) current.push(cells(line));
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

/** The text of a `## heading` section, up to the next one. */
export const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, end < 0 ? undefined : end);
};

/** The text with code spans removed: what GFM would read as markup. */
export const outsideCode = (markdown: string): string =>
  markdown.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*?\1/g, '');
