import type { DomainMetric } from '@prodsim/core';

/**
 * The images domain's own experiment metrics (see core's observe/domain-metric.ts). Impressions
 * are the interactions the feed reports, so rates per 1,000 impressions divide by `interactions`.
 * Moderation counts belong to the creator whose upload was decided (the unit the `moderate`
 * request is routed by), and judge the decision the app applied (a failed request's fallback
 * included) against the hidden truth.
 */
export const IMAGES_METRICS: readonly DomainMetric[] = [
  {
    name: 'harmfulImpressionsPerK',
    label: 'harmful impressions per 1,000 impressions',
    quantity: 'harmful impressions',
    unit: 'per 1,000 impressions',
    numerator: 'harmfulImpressions',
    denominator: 'interactions',
    scale: 1000,
    range: [0, 1000],
  },
  {
    name: 'reportsPerK',
    label: 'reports per 1,000 impressions',
    quantity: 'reports',
    unit: 'per 1,000 impressions',
    numerator: 'reports',
    denominator: 'interactions',
    scale: 1000,
    range: [0, 1000],
  },
  {
    name: 'moderationPrecision',
    label: 'moderation precision (blocked uploads that were harmful)',
    quantity: 'blocks that were harmful',
    unit: 'fraction',
    numerator: 'blockedHarmful',
    denominator: 'blocked',
    range: [0, 1],
  },
  {
    name: 'moderationRecall',
    label: 'moderation recall (harmful uploads blocked)',
    quantity: 'harmful uploads blocked',
    unit: 'fraction',
    numerator: 'blockedHarmful',
    denominator: 'harmfulModerated',
    range: [0, 1],
  },
];
