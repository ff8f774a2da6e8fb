import { Command } from 'commander';
import { resolveReportOptions } from '../config/reportOptions.js';
import { shownText } from '../report/escape.js';
import { findFormat, reportFormats } from '../report/index.js';
import { optionWithDefault } from './helpText.js';
import { outputPaths, writeReportFiles } from './reportFiles.js';
import { defaultDb } from './search.js';

/** `taskgroup report SEARCH_ID --format json|md|csv|html [--out FILE]`. Reads the database, never writes it. */
export function reportCommand(): Command {
  const names = reportFormats.map((format) => format.name);
  return new Command('report')
    .description('render the report of a search (reads the database, never writes it)')
    .argument('<searchId>', 'id printed by `taskgroup search` or listed by `taskgroup status`')
    .addOption(optionWithDefault('--db <file>', 'SQLite database of runs and searches', defaultDb))
    .option(
      '--format <format>',
      `${names.join('|')}: ${reportFormats.map((f) => `${f.name} = ${f.description}`).join('; ')}`,
    )
    .option(
      '--out <path>',
      'write to this file (csv: a folder or a file-name prefix) instead of stdout',
    )
    .action(async (searchId: string, flags: { db: string; format?: string; out?: string }) => {
      const options = resolveReportOptions(flags, 'flags');
      const format = findFormat(options.format)!;
      const { loadReport, resumeCommand, withStore } = await import('../pipeline/inspect.js');
      const model = withStore(flags.db, (store) => loadReport(store, searchId));
      const files = format.render(model);
      if (flags.out === undefined) {
        process.stdout.write(files.map((file) => file.content).join('\n'));
      } else {
        const paths = outputPaths(flags.out, files);
        writeReportFiles(paths, files);
        process.stderr.write(`wrote ${shownText(paths.join(', '))}\n`);
      }
      if (model.status === 'interrupted' || model.status === 'failed') {
        process.stderr.write(
          `${shownText(`search ${searchId} is ${model.status}: this report is provisional; continue with: ${resumeCommand(searchId, flags.db)}`)}\n`,
        );
      }
    });
}
