import { s } from '@prodsim/core';

/** The `sweep:` field as the spec schema sees it; sweep.ts checks paths and values in detail. */
export const sweepSchema = s.custom<Record<string, unknown[]>>(
  'an object of setting paths to lists of values, e.g. { "world.users": [1000, 2000] }',
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown[]>) : undefined),
  { optional: true },
);
