import { Command } from 'commander';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { findFormat, reportFormats, type ReportFile } from '../report/index.js';
import { defaultDb } from './search.js';

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // does not exist yet: a file name or a prefix
  }
};

/**
 * Where each file of a report goes with --out. One file: --out is its path. Several (csv):
 * --out is a folder (existing, or ending in /) or a file-name prefix (`out/run1` →
 * `out/run1-groups.csv`).
 */
export function outputPaths(out: string, files: ReportFile[]): string[] {
  if (files.length === 1 && !isDirectory(out)) return [out];
  if (isDirectory(out) || out.endsWith('/')) return files.map((file) => join(out, file.name));
  const separator = /[-_.]$/.test(out) ? '' : '-';
  return files.map((file) => `${out}${separator}${file.name}`);
}

/** `taskgroup report SEARCH_ID --format json|md|csv|html [--out FILE]`. */
export function reportCommand(): Command {
  const names = reportFormats.map((format) => format.name);
  return new Command('report')
    .description('render the report of a search')
    .argument('<searchId>', 'id printed by `taskgroup search` or listed by `taskgroup status`')
    .option('--db <file>', 'SQLite database of runs and searches', defaultDb)
    .option('--format <format>', `${names.join('|')}: ${reportFormats.map((f) => `${f.name} = ${f.description}`).join('; ')}`)
    .option('--out <path>', 'write to this file (csv: a folder or a file-name prefix) instead of stdout')
    .action(async (searchId: string, flags: { db: string; format?: string; out?: string }) => {
      if (flags.format === undefined) throw new UsageError(`--format is required (${names.join(', ')})`);
      const format = findFormat(flags.format);
      if (!format) throw new UsageError(`--format must be one of ${names.join(', ')} (got "${flags.format}")`);
      const { loadReport, withStore } = await import('../pipeline/inspect.js');
      const files = format.render(withStore(flags.db, (store) => loadReport(store, searchId)));
      if (flags.out === undefined) {
        process.stdout.write(files.map((file) => file.content).join('\n'));
        return;
      }
      const paths = outputPaths(flags.out, files);
      files.forEach((file, i) => {
        mkdirSync(dirname(paths[i]), { recursive: true });
        writeFileSync(paths[i], file.content);
      });
      process.stderr.write(`wrote ${paths.join(', ')}\n`);
    });
}
