import { Command } from 'commander';
import { toolVersion } from '../version.js';
import { reportCommand } from './report.js';
import { resumeCommand } from './resume.js';
import { searchCommand } from './search.js';
import { solveCommand } from './solve.js';
import { statusCommand } from './status.js';
import { workerCommand } from './worker.js';

/** The `taskgroup` program. exitOverride: errors are thrown to main(), which maps exit codes. */
export function buildProgram(): Command {
  const program = new Command('taskgroup')
    .description('Find which objectives of a multi-task model should share a network.')
    .version(toolVersion)
    .showHelpAfterError(false)
    .exitOverride();
  for (const command of [searchCommand(), solveCommand(), reportCommand(), resumeCommand(), statusCommand(), workerCommand()]) {
    program.addCommand(command.exitOverride());
  }
  return program;
}
