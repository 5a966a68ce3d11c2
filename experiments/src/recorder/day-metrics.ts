/** One row of metrics.jsonl: one simulated day, one arm, one replication. */
export interface GroupMetrics {
  users: number;
  interactions: number;
  meanTrueValue: number;
  engagementPerUser: number;
  tasteDrift: number;
}

/**
 * Distribution metrics (coverage, Gini, top-10% share, homogenisation, personalisation, taste
 * drift) are computed on the arm's measured users: the same number in every arm on a day
 * (`sampledUsers`, see recorder/user-sample.ts), so that arms of different sizes compare.
 * Each cumulative one (since day 0, over the measured users' whole history, whichever arm served
 * them) has a `...Day` twin computed on that day's consumption only, all of it served by the arm.
 */
export interface DayMetrics {
  replication: number;
  seed: string;
  day: number;
  arm: string;
  /** Users assigned to the arm that day (the whole population). */
  users: number;
  /** Users the arm's distribution metrics were computed on that day (equal in every non-empty arm). */
  sampledUsers: number;
  interactions: number;
  /** Engagement (minutes watched, dwell seconds) per user assigned to the arm. */
  engagementPerUser: number;
  /** Share of interactions with an item from the user's slate. */
  uptake: number;
  /** Mean true value (hidden ground truth) of what was consumed. */
  meanTrueValue: number;
  /** 1 - mean Jaccard similarity between the measured users' latest slates that day. */
  personalization: number;
  /** Share of the current catalogue consumed so far by the measured users. */
  coverage: number;
  /** Share of the current catalogue consumed that day by the measured users. */
  coverageDay: number;
  /** Gini coefficient of the measured users' consumption so far over the current catalogue. */
  gini: number;
  /** Gini coefficient of the measured users' consumption that day over the current catalogue. */
  giniDay: number;
  /** Share of the measured users' consumption so far on the top 10% of the current catalogue. */
  top10Share: number;
  /** Share of the measured users' consumption that day on the top 10% of the current catalogue. */
  top10ShareDay: number;
  /** Mean pairwise item distance within slates shown that day. */
  intraListDiversity: number;
  /** Mean Jaccard similarity between the measured users' consumption sets so far. */
  homogenization: number;
  /** Mean Jaccard similarity between the measured users' consumption sets that day. */
  homogenizationDay: number;
  /** Mean distance of the measured users' tastes from their initial tastes. */
  tasteDrift: number;
  /**
   * T-RECS's InteractionSpread on the measured users: the area under the previous day's sorted
   * per-item consumption histogram minus today's (trapezoidal rule); NaN on the first day.
   */
  interactionSpread: number;
  /**
   * Arms whose baseline predicts ratings (`mf-ratings`) only, absent for the others: the root mean
   * squared error of its predicted rating of each consumed item against the item's hidden true
   * value to the user, since day 0 (`rmse`) and that day (`rmseDay`); see recorder/rating-errors.ts.
   */
  rmse?: number;
  rmseDay?: number;
  /**
   * The measured users' per-item consumption histogram that day, sorted: shares of the day's
   * consumption on the items ranked 1, 2-3, 4-7, 8-15, ... (empty when nothing was consumed).
   */
  consumptionHistogram: number[];
  requests: number;
  successRate: number;
  latencyP50: number;
  latencyP99: number;
  groups: Record<string, GroupMetrics>;
  /**
   * The domain's own metrics (DomainPlugin.metrics, see core's observe/domain-metric.ts) by name:
   * ratios of the counts the domain reported for the arm's units that day; NaN (null in
   * metrics.jsonl) on a day with nothing below the line. Empty for a domain that declares none.
   */
  domain?: Record<string, number>;
}

/** The metric fields a report plots and a summary compares, with human names. */
export const METRIC_FIELDS = [
  ['engagementPerUser', 'engagement per user'],
  ['uptake', 'recommendation uptake'],
  ['meanTrueValue', 'mean true rating of consumption'],
  ['personalization', 'personalisation'],
  ['coverage', 'catalogue coverage'],
  ['coverageDay', 'catalogue coverage that day'],
  ['gini', 'popularity concentration (Gini)'],
  ['giniDay', 'popularity concentration that day (Gini)'],
  ['top10Share', 'share on top 10% of items'],
  ['top10ShareDay', 'share on top 10% of items that day'],
  ['intraListDiversity', 'intra-list diversity'],
  ['homogenization', 'homogenisation of consumption'],
  ['homogenizationDay', 'homogenisation of consumption that day'],
  ['tasteDrift', 'taste drift from initial preferences'],
  ['interactionSpread', 'interaction spread (T-RECS)'],
  ['rmse', 'RMSE of predicted against true ratings'],
  ['rmseDay', 'RMSE of predicted against true ratings that day'],
  ['successRate', 'request success rate'],
  ['latencyP50', 'request latency p50 (ms)'],
] as const;

export type MetricField = (typeof METRIC_FIELDS)[number][0];

export const METRIC_NAMES: readonly MetricField[] = METRIC_FIELDS.map(([f]) => f);

/** Metrics that only some arms have (absent, not 0 or null, for the others). */
export const SOME_ARMS_METRICS: ReadonlySet<string> = new Set<MetricField>(['rmse', 'rmseDay']);
