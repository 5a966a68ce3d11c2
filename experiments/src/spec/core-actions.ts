import { s } from '@prodsim/core';

const rate = (description: string) => s.number({ default: 0, min: 0, max: 1, description });

/** Scenario actions every domain gets, applied by the experiment runner itself. */
export const CORE_ACTIONS = {
  'stream-faults': {
    description: 'set the rates of data-quality faults in the stream from this day on',
    params: s.object({
      corrupt: rate('share of events replaced by a damaged copy'),
      duplicate: rate('share of events published twice'),
      late: rate('share of events held back and published later'),
      reorder: rate('share of events swapped with the next one'),
      lateBy: s.number({ default: 50, integer: true, min: 1, max: 1_000_000, description: 'how many events later a late event arrives' }),
    }),
  },
} as const;

export type CoreAction = keyof typeof CORE_ACTIONS;
