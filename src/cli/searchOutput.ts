import { shownText } from '../report/escape.js';
import type { ReportModel } from '../report/model.js';
import type { SearchHooks } from '../pipeline/runSearch.js';
import { stoppingLine, watchInterrupts } from './interrupt.js';
import { progressView } from './progress.js';
import { searchSummary } from './summary.js';

export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
}

/**
 * Runs a search (new or resumed) with Ctrl-C handling and progress, then prints the result:
 * exactly one JSON document with --json, the summary otherwise.
 */
export async function runWithOutput(
  flags: OutputFlags,
  run: (hooks: SearchHooks) => Promise<ReportModel>,
): Promise<void> {
  const quiet = Boolean(flags.quiet || flags.json);
  const progress = progressView({ quiet });
  const interrupts = watchInterrupts(() => {
    if (!flags.json)
      process.stderr.write(
        `\n${stoppingLine('the runs in flight stop at their next batch; finished runs are saved')}\n`,
      );
  });
  let model: ReportModel;
  try {
    model = await run({
      stop: interrupts.stop,
      onAskedBefore: (info) => progress.askedBefore(info),
      onStart: (info) => progress.start(info),
      onProgress: (p) => progress.update(p),
      // Warnings quote the user's names (a feature that leaks a task): shown, never acted on.
      onWarning: (message) => process.stderr.write(`warning: ${shownText(message)}\n`),
    });
  } finally {
    progress.stop();
    interrupts.dispose();
  }
  process.stdout.write(flags.json ? `${JSON.stringify(model, null, 2)}\n` : searchSummary(model));
}
