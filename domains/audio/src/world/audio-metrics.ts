import type { DomainMetric } from '@prodsim/core';

/**
 * The audio domain's own experiment metrics (see core's observe/domain-metric.ts). Plays are the
 * interactions the player reports. Classification counts belong to the clip's creator (the unit
 * the `classify` request is routed by) and judge the answers against the hidden label; the
 * backlog is classified on day 0, before any reviewed label exists.
 */
export const AUDIO_METRICS: readonly DomainMetric[] = [
  {
    name: 'classifyAccuracy',
    label: 'classification accuracy (answers matching the hidden label)',
    quantity: 'answers right',
    unit: 'fraction',
    numerator: 'classifiedCorrect',
    denominator: 'classified',
    range: [0, 1],
  },
  {
    name: 'listenThrough',
    label: 'listen-through rate (plays heard to the end)',
    quantity: 'plays heard to the end',
    unit: 'fraction',
    numerator: 'completePlays',
    denominator: 'interactions',
    range: [0, 1],
  },
];
