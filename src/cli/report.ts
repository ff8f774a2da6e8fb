import { Command } from 'commander';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveReportOptions } from '../config/reportOptions.js';
import { fileProblem } from '../errors.js';
import { findFormat, reportFormats, type ReportFile } from '../report/index.js';
import { optionWithDefault } from './helpText.js';
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

/**
 * Writes each file whole or not at all: first to a temporary name beside it, then renamed over
 * it, so a full disk or a missing permission leaves no half-written report. A problem of the
 * file system is a UsageError naming `--out` and the file.
 */
export function writeReportFiles(paths: string[], files: ReportFile[]): void {
  files.forEach((file, i) => {
    const path = paths[i];
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, file.content);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw fileProblem(`--out ${path}`, error, 'write the report') ?? error;
    }
  });
}

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
        process.stderr.write(`wrote ${paths.join(', ')}\n`);
      }
      if (model.status === 'interrupted' || model.status === 'failed') {
        process.stderr.write(
          `search ${searchId} is ${model.status}: this report is provisional; continue with: ${resumeCommand(searchId, flags.db)}\n`,
        );
      }
    });
}
