import { Command, type OutputConfiguration } from 'commander';
import { withExamples } from './helpText.js';
import { shownText } from '../report/escape.js';
import { toolVersion } from '../version.js';
import { reportCommand } from './report.js';
import { resumeCommand } from './resume.js';
import { searchCommand } from './search.js';
import { solveCommand } from './solve.js';
import { statusCommand } from './status.js';
import { workerCommand } from './worker.js';

/** commander's own error lines (an unknown option quoted back) are written so that nothing in them acts on the terminal. */
const output: OutputConfiguration = {
  outputError: (text, write) => write(text.split('\n').map(shownText).join('\n')),
};

/** The `taskgroup` program. exitOverride: errors are thrown to main(), which maps exit codes. */
export function buildProgram(): Command {
  const program = new Command('taskgroup')
    .description('Find which objectives of a multi-task model should share a network.')
    .version(toolVersion, '-v, --version', 'print the version')
    .showHelpAfterError(false)
    .configureOutput(output)
    .exitOverride();
  for (const command of [
    searchCommand(),
    solveCommand(),
    reportCommand(),
    resumeCommand(),
    statusCommand(),
    workerCommand(),
  ]) {
    program.addCommand(withExamples(command).exitOverride().configureOutput(output));
  }
  return withExamples(program);
}
