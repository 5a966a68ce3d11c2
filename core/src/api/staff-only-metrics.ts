/** Metric families computed with the hidden truth: /metrics serves them to course staff only. */
export const STAFF_ONLY_PREFIXES: readonly string[] = ['prodsim_headroom_'];

/**
 * Whether a /metrics request may see the staff-only families: with a staff token configured, only
 * a request bearing it; without one, only when no world is behind a team token (a single world
 * whose operator runs it; in course mode without a staff token nobody may).
 */
export function mayReadStaffMetrics(authorization: string | undefined, staffToken: string | undefined, teamTokens: boolean): boolean {
  if (staffToken !== undefined) return authorization === `Bearer ${staffToken}`;
  return !teamTokens;
}

/** Prometheus text without the staff-only families (their HELP, TYPE and sample lines). */
export function withoutStaffOnly(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const name = line.startsWith('# HELP ') || line.startsWith('# TYPE ') ? line.slice(7) : line;
      return !STAFF_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix));
    })
    .join('\n');
}
