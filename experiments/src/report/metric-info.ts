import type { DomainMetric } from '@prodsim/core';

/**
 * What each plotted metric is, in one place: its name, the quantity and unit on its axis, and the
 * range its values can take (confidence bands are clamped to it: a share cannot go below 0).
 * Engagement and true value mean different things per domain, so those have domain labels.
 */
export interface MetricInfo {
  /** Chart title. */
  label: string;
  /** The quantity on the value axis, without the unit. */
  quantity: string;
  unit: string;
  /** Smallest and largest possible value (±Infinity when unbounded). */
  range: readonly [number, number];
}

const SHARE = [0, 1] as const;
const NON_NEGATIVE = [0, Infinity] as const;
const ANY = [-Infinity, Infinity] as const;

// Axis titles stay within about 32 characters: the plots are 180 px tall.
const METRICS: Record<string, MetricInfo> = {
  engagementPerUser: { label: 'engagement per user', quantity: 'engagement per user-day', unit: 'units', range: NON_NEGATIVE },
  uptake: { label: 'recommendation uptake', quantity: 'from the slate', unit: 'fraction', range: SHARE },
  meanTrueValue: { label: 'mean true value of consumption', quantity: 'mean hidden value', unit: 'units', range: ANY },
  personalization: { label: 'personalisation', quantity: '1 - slate Jaccard', unit: '0-1 scale', range: SHARE },
  coverage: { label: 'catalogue coverage', quantity: 'catalogue consumed', unit: 'fraction', range: SHARE },
  coverageDay: { label: 'catalogue coverage that day', quantity: 'catalogue consumed', unit: 'fraction', range: SHARE },
  gini: { label: 'popularity concentration (Gini)', quantity: 'Gini', unit: '0-1 scale', range: SHARE },
  giniDay: { label: 'popularity concentration that day (Gini)', quantity: 'Gini', unit: '0-1 scale', range: SHARE },
  top10Share: { label: 'share on top 10% of items', quantity: 'on top 10% of items', unit: 'fraction', range: SHARE },
  top10ShareDay: { label: 'share on top 10% of items that day', quantity: 'on top 10% of items', unit: 'fraction', range: SHARE },
  intraListDiversity: { label: 'intra-list diversity', quantity: 'mean item distance', unit: '0-1 scale', range: SHARE },
  homogenization: { label: 'homogenisation of consumption', quantity: 'user-pair Jaccard', unit: '0-1 scale', range: SHARE },
  homogenizationDay: { label: 'homogenisation of consumption that day', quantity: 'user-pair Jaccard', unit: '0-1 scale', range: SHARE },
  tasteDrift: { label: 'taste drift from initial preferences', quantity: 'drift', unit: 'taste distance', range: NON_NEGATIVE },
  interactionSpread: { label: 'interaction spread (T-RECS)', quantity: 'area change', unit: 'interactions', range: ANY },
  rmse: { label: 'RMSE of predicted against true ratings', quantity: 'RMSE since day 0', unit: 'units', range: NON_NEGATIVE },
  rmseDay: { label: 'RMSE of predicted against true ratings that day', quantity: 'RMSE that day', unit: 'units', range: NON_NEGATIVE },
  successRate: { label: 'request success rate', quantity: 'requests answered', unit: 'fraction', range: SHARE },
  latencyP50: { label: 'request latency p50', quantity: 'median latency', unit: 'ms', range: NON_NEGATIVE },
  latencyP99: { label: 'request latency p99', quantity: 'p99 latency', unit: 'ms', range: NON_NEGATIVE },
};

/** Per domain (the spec's domain name, e.g. "movies"), what engagement and true value are. */
const DOMAIN_METRICS: Record<string, Record<string, Partial<MetricInfo>>> = {
  movies: {
    engagementPerUser: { label: 'minutes watched per user', quantity: 'watch time per user-day', unit: 'min' },
    // The hidden rating is an unclipped latent score in stars: no bound to cut a band at.
    meanTrueValue: { label: 'mean true rating', quantity: 'mean hidden rating', unit: 'stars' },
    rmse: { unit: 'stars' },
    rmseDay: { unit: 'stars' },
  },
  images: {
    engagementPerUser: { label: 'dwell time per user', quantity: 'dwell per user-day', unit: 's' },
    meanTrueValue: { label: 'mean true affinity of viewed images', quantity: 'mean hidden affinity', unit: 'affinity' },
  },
  audio: {
    engagementPerUser: { label: 'listening time per user', quantity: 'listening per user-day', unit: 's' },
    meanTrueValue: { label: 'mean true affinity of played clips', quantity: 'mean hidden affinity', unit: 'affinity' },
  },
  toy: {
    engagementPerUser: { label: 'picks per user', quantity: 'picks per user-day', unit: 'picks' },
    meanTrueValue: { label: 'share of picks that were favourites', quantity: 'favourite picks', unit: 'fraction', range: SHARE },
  },
};

/** The name of a domain id or spec domain: "movies/v1" and "movies" are both movies. */
function domainName(domain: string | undefined): string {
  return String(domain ?? '').split('/')[0];
}

/** A metric's label, axis quantity, unit and range in this domain; a plain fallback for unknown ones. */
export function metricInfo(metric: string, domain?: string): MetricInfo {
  const base = METRICS[metric] ?? { label: metric, quantity: metric, unit: 'value', range: ANY };
  return { ...base, ...DOMAIN_METRICS[domainName(domain)]?.[metric] };
}

/** "quantity (unit)": every value axis names its unit. */
export function axisTitle(info: MetricInfo): string {
  return `${info.quantity} (${info.unit})`;
}

/** Clamps a value to the metric's range (a band must not claim impossible values). */
export function clampToRange(value: number, range: readonly [number, number]): number {
  return Math.min(range[1], Math.max(range[0], value));
}

/** What a domain declares about one of its own metrics, as a chart needs it. */
export function domainMetricInfo(m: DomainMetric): MetricInfo {
  return { label: m.label, quantity: m.quantity, unit: m.unit, range: m.range ?? NON_NEGATIVE };
}
