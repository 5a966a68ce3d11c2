/** What a step is rewarded by: the consumption that came of the slate it answered. */
export const REWARDS = ['chosen', 'engagement', 'value'] as const;
export type RewardKind = (typeof REWARDS)[number];

/**
 * How one step turned out, once the world shows it: the user consumed an item (from the slate or
 * not), or asked again (or the run ended) without consuming anything (`item` -1).
 */
export interface ResolvedStep {
  step: number;
  user: number;
  item: number;
  /** The item came from the slate the step answered. */
  recommended: boolean;
  /** As the domain reports it: minutes watched (movies), 1 for a choice (slate). */
  engagement: number;
  /** The hidden true value of the item to the user: only when the reward is `value`. */
  value?: number;
  reward: number;
}

/**
 * A step's reward counts only what came from its slate: `chosen` is 1 when the user took an item
 * from it, `engagement` how much they engaged with that item, `value` its true value to them
 * (the hidden ground truth, which the caller asked for by choosing this reward).
 */
export function rewardOf(kind: RewardKind, recommended: boolean, engagement: number, trueValue: number): number {
  if (!recommended) return 0;
  if (kind === 'chosen') return 1;
  return kind === 'engagement' ? engagement : trueValue;
}
