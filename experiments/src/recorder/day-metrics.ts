/** One row of metrics.jsonl: one simulated day, one arm, one replication. */
export interface GroupMetrics {
  users: number;
  interactions: number;
  meanTrueValue: number;
  engagementPerUser: number;
  tasteDrift: number;
}

export interface DayMetrics {
  replication: number;
  seed: string;
  day: number;
  arm: string;
  /** Users assigned to the arm that day (among the sampled population). */
  users: number;
  interactions: number;
  /** Engagement (minutes watched, dwell seconds) per user assigned to the arm. */
  engagementPerUser: number;
  /** Share of interactions with an item from the user's slate. */
  uptake: number;
  /** Mean true value (hidden ground truth) of what was consumed. */
  meanTrueValue: number;
  /** 1 - mean Jaccard similarity between users' latest slates. */
  personalization: number;
  /** Share of the catalogue consumed so far in this arm. */
  coverage: number;
  /** Gini coefficient of consumption over the catalogue so far. */
  gini: number;
  /** Share of consumption so far on the top 10% of items. */
  top10Share: number;
  /** Mean pairwise item distance within slates shown that day. */
  intraListDiversity: number;
  /** Mean Jaccard similarity between users' cumulative consumption sets. */
  homogenization: number;
  /** Mean distance of users' tastes from their initial tastes. */
  tasteDrift: number;
  requests: number;
  successRate: number;
  latencyP50: number;
  latencyP99: number;
  groups: Record<string, GroupMetrics>;
}

/** The metric fields a report plots, with human names and which direction is "better". */
export const METRIC_FIELDS = [
  ['engagementPerUser', 'engagement per user'],
  ['uptake', 'recommendation uptake'],
  ['meanTrueValue', 'mean true rating of consumption'],
  ['personalization', 'personalisation'],
  ['coverage', 'catalogue coverage'],
  ['gini', 'popularity concentration (Gini)'],
  ['top10Share', 'share on top 10% of items'],
  ['intraListDiversity', 'intra-list diversity'],
  ['homogenization', 'homogenisation of consumption'],
  ['tasteDrift', 'taste drift from initial preferences'],
  ['successRate', 'request success rate'],
  ['latencyP50', 'request latency p50 (ms)'],
] as const;

export type MetricField = (typeof METRIC_FIELDS)[number][0];
