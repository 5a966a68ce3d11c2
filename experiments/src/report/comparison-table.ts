import { escapeHtml } from './escape.js';
import { formatP, formatSigned, formatValue } from './format.js';
import type { NotTested } from '../summary/summarize.js';
import { metricInfo, type MetricInfo } from './metric-info.js';
import type { ReportComparison } from './report-input.js';

const METHOD_NAMES: Record<string, string> = { welch: "Welch's t-test", 'paired-t': 'paired t-test', bootstrap: 'bootstrap' };

function interval(ci: unknown): string {
  return Array.isArray(ci) && ci.length === 2 ? `${formatSigned(ci[0])} to ${formatSigned(ci[1])}` : 'n/a';
}

/** A confidence interval that excludes zero: the difference is unlikely to be chance alone. */
function excludesZero(ci: unknown): boolean {
  return Array.isArray(ci) && typeof ci[0] === 'number' && typeof ci[1] === 'number' && (ci[0] > 0 || ci[1] < 0);
}

type InfoOf = (metric: string) => MetricInfo;

/** The metric's name in this domain, with the unit its means and differences are in. */
function metricName(c: ReportComparison, infoOf: InfoOf): string {
  const info = infoOf(c.metric);
  return info.label === c.metric ? c.label || c.metric : `${info.label} (${info.unit})`;
}

function row(c: ReportComparison, infoOf: InfoOf): string {
  const clear = excludesZero(c.ci95);
  const cells = [
    escapeHtml(metricName(c, infoOf)),
    escapeHtml(c.arm),
    escapeHtml(c.baseline),
    formatValue(c.meanArm),
    formatValue(c.meanBaseline),
    clear ? `<strong>${formatSigned(c.difference)}</strong>` : formatSigned(c.difference),
    interval(c.ci95),
    escapeHtml(formatP(c.p)),
    escapeHtml(formatP(c.adjustedP)),
    escapeHtml(METHOD_NAMES[c.method] ?? c.method),
  ];
  return `<tr${clear ? ' class="clear"' : ''} data-metric="${escapeHtml(c.metric)}" data-arm="${escapeHtml(c.arm)}">${cells.map((x, i) => (i >= 3 && i <= 8 ? `<td class="num">${x}</td>` : `<td>${x}</td>`)).join('')}</tr>`;
}

/** The statistical comparison of arms: findings in plain words, then the numbers behind them. */
export function comparisonSection(
  comparisons: readonly ReportComparison[],
  finalText: string,
  replications: number,
  notTested: readonly NotTested[] = [],
  infoOf: InfoOf = (m) => metricInfo(m),
): string {
  const untested =
    notTested.length > 0
      ? `<p class="method">Not tested (no variation to test against): ${notTested.map((n) => escapeHtml(`${n.label}, ${n.arm} against ${n.baseline}: ${n.reason}`)).join('; ')}.</p>`
      : '';
  if (comparisons.length === 0) {
    return `<p class="empty">No comparisons were computed (comparing arms needs at least two arms and two replications).</p>${untested}`;
  }
  const methods = new Set(comparisons.map((c) => c.method));
  const how: string[] = [];
  if (methods.has('welch'))
    how.push(
      "<em>Welch's t-test</em> compares the arms' means without assuming equal variances; p is the two-sided probability of a difference at least this large if the arms truly did not differ.",
    );
  if (methods.has('paired-t'))
    how.push(
      'The <em>paired t-test</em> compares the arms replication by replication: in the paired design each arm ran on its own copy of the same world, so the differences within a replication leave out the variation between worlds.',
    );
  if (methods.has('bootstrap'))
    how.push('<em>Bootstrap</em> intervals resample the replications of each arm; the 95% interval holds the middle 95% of the resampled differences.');
  const findings = comparisons.map((c) => `<li>${escapeHtml(c.sentence)}</li>`).join('');
  const head = ['Metric', 'Arm', 'Baseline', 'Arm mean', 'Baseline mean', 'Difference', '95% CI', 'p', 'Holm p', 'Test']
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return (
    `<ul class="findings">${findings}</ul>` +
    `<p class="method">Each replication contributes one value per arm: ${escapeHtml(finalText)}, over ${replications} replication${replications === 1 ? '' : 's'}. ` +
    `A difference is in bold when its 95% confidence interval excludes zero. ${how.join(' ')} ` +
    `<em>Holm p</em> is p adjusted with Holm&#8217;s method over all ${comparisons.length} comparisons, so that the chance of any false finding among them stays below the stated level; a finding is called unlikely to be chance only when it is below 0.05, and only with at least 3 replications.</p>` +
    `<div class="table-wrap"><table class="comparisons"><thead><tr>${head}</tr></thead><tbody>${comparisons.map((c) => row(c, infoOf)).join('')}</tbody></table></div>` +
    untested
  );
}
