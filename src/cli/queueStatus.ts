import type { QueueView } from '../pipeline/queueInspect.js';
import { shownText } from '../report/escape.js';
import { textTable } from './summary.js';

const ago = (iso: string, now: number): string =>
  `${Math.max(0, Math.round((now - Date.parse(iso)) / 1000))} s ago`;

/** The queue section of `taskgroup status --redis`: runs by state per queue, then the workers seen (names from Redis escaped for the terminal). */
export function describeQueue(view: QueueView, now = Date.now()): string {
  const lines = [`queue on ${view.redis} (measured now):`];
  if (view.queues.length === 0) lines.push('  no search has used this server yet');
  for (const q of view.queues) {
    lines.push(
      `  ${shownText(q.queue)}: ${q.waiting} waiting, ${q.active} active, ${q.completed} answered and not yet stored by a coordinator, ${q.failed} failed`,
    );
  }
  const live = view.workers.filter((w) => w.live);
  lines.push(
    `workers seen: ${live.length} live, ${view.workers.length - live.length} gone (heard from in the last day)`,
  );
  if (view.workers.length > 0) {
    const rows = view.workers.map((w) => [
      shownText(w.id),
      w.live ? 'live' : 'gone',
      w.role,
      shownText(`${w.identity.version} ${w.identity.trainer}`),
      String(w.concurrency),
      String(w.active),
      String(w.trained),
      String(w.failed),
      ago(w.seenAt, now),
    ]);
    lines.push(
      textTable(
        [
          'worker',
          'state',
          'role',
          'version trainer',
          'threads',
          'active',
          'trained',
          'failed',
          'last heard',
        ],
        rows,
      ).replace(/^/gm, '  '),
    );
  }
  return lines.join('\n') + '\n';
}
