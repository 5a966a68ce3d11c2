import { s, type Infer } from '@prodsim/core';
import { TOPICS } from './topics.js';

/**
 * Scenario steps newsroom/v1 understands (`scenario:` in a run's configuration or an experiment
 * spec), each with the schema of its parameters: a timeline is checked before anything runs.
 */
export const NEWSROOM_SCENARIO_ACTIONS = {
  'breaking-news': {
    description: 'a story breaks: a burst of articles on one topic over the next hours, and readers turn to it',
    params: s.object({
      topic: s.enum(TOPICS, { description: `the topic (${TOPICS.join(', ')})` }),
      articles: s.number({ default: 40, integer: true, min: 1, max: 10_000, description: 'articles in the burst' }),
      hours: s.number({ default: 6, min: 0.1, max: 72, description: 'over how long they appear' }),
      attention: s.number({ default: 0.3, min: 0, max: 1, description: "share of every reader's attention that moves to the topic" }),
    }),
  },
  'clickbait-surge': {
    description: 'a share of the publishers chase clicks: tempting headlines over thinner articles from now on',
    params: s.object({
      share: s.number({ default: 0.3, min: 0, max: 1, description: 'share of the publishers that change' }),
      clickbait: s.number({ default: 0.95, min: 0, max: 1, description: 'their new clickbait level' }),
      quality: s.number({ default: 0.25, min: 0, max: 1, description: 'their new quality' }),
    }),
  },
} as const;

export type NewsroomAction = keyof typeof NEWSROOM_SCENARIO_ACTIONS;
export type ActionParams<A extends NewsroomAction> = Infer<(typeof NEWSROOM_SCENARIO_ACTIONS)[A]['params']>;
