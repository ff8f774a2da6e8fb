import type { CsvError, Info } from 'csv-parse';

/**
 * Where csv-parse's errors happened, in the words a message needs. csv-parse reports an unclosed
 * quote at the end of the file, where it noticed it ("the parsing is finished with an opening
 * quote at line 9,999"); the user needs the line where the quote opened, which is where the
 * record holding it starts: the line after the last complete record, past the empty lines
 * skipped since. `onRecord` (csv-parse's `on_record` option) keeps where that record ended.
 */
export class CsvErrorLine {
  private endLine = 0;
  private emptyLinesBefore = 0;

  readonly onRecord = <T>(record: T, context: Info): T => {
    this.endLine = context.lines;
    this.emptyLinesBefore = context.empty_lines;
    return record;
  };

  /** The line a message names for `error`, and what went wrong there. */
  of(error: CsvError): { line: number; reason: string } {
    const context = error as CsvError & Partial<Info>;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const skipped = (context.empty_lines ?? this.emptyLinesBefore) - this.emptyLinesBefore;
      return {
        line: this.endLine + 1 + skipped,
        reason: 'a quote opened on this line is never closed',
      };
    }
    return { line: context.lines ?? 0, reason: error.message.replace(/\s+/g, ' ').trim() };
  }
}
