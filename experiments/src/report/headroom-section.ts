import type { HeadroomEstimate, HeadroomSummary } from '../summary/headroom-summary.js';
import { escapeHtml } from './escape.js';
import { formatValue } from './format.js';

/** The section's title: the figures are made with the hidden truth, so the report is for staff. */
export const HEADROOM_TITLE = 'Headroom (staff only: computed with the hidden truth)';

/** A mean with its 95% interval beneath it when there is one. */
function cell(e: HeadroomEstimate | null, percent = false): string {
  // Null: the figure did not exist (no default in process, an oracle that achieved nothing).
  if (e === null || typeof e !== 'object') return '<td class="num">n/a</td>';
  const show = (x: number) => (percent ? `${formatValue(100 * x)}%` : formatValue(x));
  const ci = Array.isArray(e.ci95) ? `<br><span class="ci">${show(e.ci95[0])} to ${show(e.ci95[1])}</span>` : '';
  return `<td class="num">${show(e.mean)}${ci}</td>`;
}

function table(endpoint: string, arms: readonly [string, HeadroomSummary][]): string {
  const [, first] = arms[0];
  const sampled = first.sample < 1 ? `, a ${formatValue(100 * first.sample)}% sample of the requests` : '';
  const head = ['Arm', 'Service', 'Oracle', 'Default', 'Random', 'Regret', 'Share of oracle', 'Requests valued per replication']
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  const rows = arms
    .map(
      ([arm, h]) =>
        `<tr data-arm="${escapeHtml(arm)}"><td>${escapeHtml(arm)}</td>${cell(h.service)}${cell(h.oracle)}${cell(h.default)}${cell(h.random)}${cell(h.regret)}${cell(h.shareOfOracle, true)}${cell(h.requests)}</tr>`,
    )
    .join('');
  return (
    `<h3>${escapeHtml(endpoint)}: ${escapeHtml(first.measure)}, mean per request${sampled}</h3>` +
    `<div class="table-wrap"><table class="headroom" data-endpoint="${escapeHtml(endpoint)}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

/**
 * Per endpoint, one row per arm: what the arm's answers achieved beside what the oracle, the
 * domain's default and random answers would have achieved on the same requests, as mean over
 * replications (with the 95% interval beneath, from 3 replications). The split design has none:
 * its arms share one world, whose figures mix every arm's requests.
 */
export function headroomSection(headroom: Record<string, Record<string, HeadroomSummary>> | undefined, design: 'split' | 'paired' | undefined): string {
  const intro =
    '<p class="method">Computed inside the simulator with the hidden truth, so for course staff and researchers, never for a team under test: for every request (or a seeded sample of them), the value of the arm&#8217;s answer and of what the oracle, the domain&#8217;s built-in default and a random answer would have achieved for the same user at the same moment, while the world followed the arm&#8217;s answer. Each figure is the mean over replications of each world&#8217;s mean per request, with its 95% confidence interval beneath from 3 replications on. Regret is oracle minus service; the share of the oracle is the mean of the replications&#8217; service / oracle.</p>';
  if (design === 'split')
    return `${intro}<p class="empty">Not measured per arm in the split design: the arms share one world, whose figures mix every arm&#8217;s requests. Run the paired design (design: paired) to see each arm&#8217;s headroom.</p>`;
  const byEndpoint = new Map<string, [string, HeadroomSummary][]>();
  for (const [arm, endpoints] of Object.entries(headroom ?? {})) {
    for (const [endpoint, h] of Object.entries(endpoints)) {
      const list = byEndpoint.get(endpoint) ?? [];
      list.push([arm, h]);
      byEndpoint.set(endpoint, list);
    }
  }
  if (byEndpoint.size === 0) return `${intro}<p class="empty">The domain values no endpoint&#8217;s answers, or no request was valued.</p>`;
  return intro + [...byEndpoint].map(([endpoint, arms]) => table(endpoint, arms)).join('');
}
