import type { ReportModel } from './model.js';

/**
 * The sentence a report opens with when its numbers are not final, or null for a finished
 * search without failures. Example: "This search is interrupted: 14 of 28 runs finished;
 * results below are provisional."
 */
export function statusNotice(model: ReportModel): string | null {
  const { total, trained, cached, failed } = model.runs;
  const finished = `${trained + cached} of ${total} runs finished`;
  const failures = failed > 0 ? `, ${failed} failed` : '';
  switch (model.status) {
    case 'running':
      return `This search is still running: ${finished}${failures}; results below are provisional.`;
    case 'interrupted':
      return `This search is interrupted: ${finished}${failures}; results below are provisional.`;
    case 'failed':
      return `This search failed: ${finished}${failures}; results below are provisional.`;
    case 'done':
      return failed > 0
        ? `${failed} of ${total} runs failed; the results below rest on the runs that finished.`
        : null;
  }
}
