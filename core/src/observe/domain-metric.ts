import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * A metric of the domain's own that experiments add to every per-day row (metrics.jsonl's
 * `domain` object), compare between arms and plot, and that a spec's `expect:` may name: e.g.
 * the share of recommendations that go to a movie under a fake-ratings attack, harmful
 * impressions per 1,000, or a classifier's accuracy.
 *
 * Every domain metric is a ratio of two counters summed over an arm and a simulated day:
 * `scale * sum(numerator) / sum(denominator)`, no value (NaN) on a day whose denominator is 0.
 * The domain adds to its counters with `InteractionObserver.count`; experiments attribute each
 * count to the arm that serves the counted unit on that day, exactly as they attribute slates and
 * interactions. Ratios of counts cover shares, rates per 1,000, precision, recall and accuracy,
 * and they aggregate honestly over an arm's users (a mean of per-user ratios would not).
 *
 * Declared statically on the plugin (`DomainPlugin.metrics`), so that a spec naming one is checked
 * before anything runs.
 */
export interface DomainMetric {
  /** The field in metrics.jsonl's `domain` object and the name `expect:` uses: camelCase, unique. */
  readonly name: string;
  /** What it is, in words, for chart titles and summaries ("share of watches on attacked movies"). */
  readonly label: string;
  /** The quantity on a chart's value axis, without the unit ("watches on attacked movies"). */
  readonly quantity: string;
  /** The unit of the value ("fraction", "per 1,000 impressions"). */
  readonly unit: string;
  /** The counter summed above the line: one of the domain's counters or a built-in one. */
  readonly numerator: string;
  /** The counter summed below the line: one of the domain's counters or a built-in one. */
  readonly denominator: string;
  /** Multiplies the ratio (1000 for a rate per 1,000); default 1. */
  readonly scale?: number;
  /** The values the metric can take, for charts' bands; default [0, Infinity]. */
  readonly range?: readonly [number, number];
}

/**
 * Counters that experiments keep themselves for every domain, so that a domain metric can use
 * them without counting them again: `slateItems` (items in the slates reported with
 * `InteractionObserver.slate`), `slates`, `interactions` (reported with `interaction`) and
 * `recommendedInteractions` (those with `recommended` true).
 */
export const BUILTIN_COUNTERS = ['slateItems', 'slates', 'interactions', 'recommendedInteractions'] as const;

export type BuiltinCounter = (typeof BUILTIN_COUNTERS)[number];

const NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * Checks a domain's declared metrics: names that are camelCase identifiers, unique and not in
 * `reserved` (the experiment's own metric names), non-empty counters, a positive finite scale and
 * an ordered range. Throws PRODSIM_ERR_DOMAIN_INVALID naming the domain, the metric and the fault.
 */
export function checkDomainMetrics(domain: string, metrics: readonly DomainMetric[], reserved: readonly string[] = []): void {
  const fail = (i: number, what: string) => {
    throw new ProdsimError(
      ErrorCodes.DOMAIN_INVALID,
      `domain ${domain} declares an invalid metric at metrics[${i}] (${JSON.stringify(metrics[i]?.name)}): ${what}`,
    );
  };
  if (!Array.isArray(metrics))
    throw new ProdsimError(ErrorCodes.DOMAIN_INVALID, `domain ${domain} declares metrics that are not an array of metric declarations`);
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    if (!m || typeof m !== 'object') fail(i, 'not an object');
    if (typeof m.name !== 'string' || !NAME.test(m.name))
      fail(i, 'its name must be a camelCase identifier (a letter first, then letters and digits, at most 64)');
    if (reserved.includes(m.name)) fail(i, 'its name is one of the built-in metrics');
    if (seen.has(m.name)) fail(i, 'another metric has the same name');
    seen.add(m.name);
    for (const field of ['label', 'quantity', 'unit', 'numerator', 'denominator'] as const) {
      if (typeof m[field] !== 'string' || m[field].length === 0) fail(i, `${field} must be a non-empty string`);
    }
    if (m.scale !== undefined && !(Number.isFinite(m.scale) && m.scale > 0)) fail(i, 'scale must be a positive number');
    if (m.range !== undefined && !(Array.isArray(m.range) && m.range.length === 2 && m.range[0] < m.range[1]))
      fail(i, 'range must be [low, high] with low < high');
  });
}
