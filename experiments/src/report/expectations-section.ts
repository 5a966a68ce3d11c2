import { escapeHtml } from './escape.js';
import type { ReportExpectation } from './report-input.js';

/** The spec's hypotheses, each marked held or not held, with its numbers in plain words. */
export function expectationsSection(expectations: readonly ReportExpectation[]): string {
  const held = expectations.filter((e) => e.held).length;
  const items = expectations.map(
    (e) =>
      `<li class="expectation ${e.held ? 'held' : 'not-held'}" data-metric="${escapeHtml(e.metric)}" data-arm="${escapeHtml(e.arm)}">` +
      `<span class="verdict">${e.held ? 'held' : 'not held'}</span> ${escapeHtml(e.sentence)}</li>`,
  );
  return (
    `<p><strong>${held} of ${expectations.length}</strong> expectation${expectations.length === 1 ? '' : 's'} stated in the spec held. ` +
    'Each is tested one-sided in its stated direction, on each replication&#8217;s mean of the metric from its first day to the end; ' +
    'p values are adjusted with Holm&#8217;s method over the expectations, and an expectation holds when its adjusted p is below its alpha (with at least 3 replications).</p>' +
    `<ul class="expectations">${items.join('')}</ul>`
  );
}
