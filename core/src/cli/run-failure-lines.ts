import { describeFailure } from '../run/run-failure.js';
import type { RunSummary } from '../run/run-summary.js';
import { print, type CliIo } from './cli-io.js';

/**
 * Tells stderr what failed, one line per failure with its stable code (`prodsim: transport kafka
 * failed: ... [PRODSIM_ERR_TRANSPORT_DELIVERY]`), so that a script or a person can grep for it;
 * the summary on stdout lists the same failures.
 */
export function printFailures(io: CliIo, summary: RunSummary, team?: string): void {
  const who = team === undefined ? '' : `team ${team}: `;
  for (const failure of summary.failures ?? []) print(io.stderr, `prodsim: ${who}${failure.part} failed: ${describeFailure(failure)}`);
}

/** What the user is told after a signal stopped the run: flushed, or what went wrong (listed by `printFailures`). */
export function stoppedLine(signalled: string, summaries: readonly RunSummary[]): string {
  const failed = summaries.some((s) => (s.failures ?? []).some((f) => f.part.startsWith('transport ') || f.part.startsWith('event file ')));
  return failed ? `${signalled} received: stopped; not every event reached its output (see below).` : `${signalled} received: stopped, transport flushed.`;
}
