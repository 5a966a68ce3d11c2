import { s, type Infer } from '@prodsim/core';

/**
 * newsroom/v1's section of the configuration. Every field has a default: the conformance suite
 * (and `prodsim run newsroom` with no settings) must be able to build a world from `{}`.
 */
export const newsroomConfigSchema = s.object({
  readers: s.number({ default: 2000, integer: true, min: 1, max: 200_000, description: 'simulated readers' }),
  publishers: s.number({ default: 30, integer: true, min: 2, max: 1000, description: 'publishers writing for the app' }),
  articlesPerDay: s.number({ default: 120, min: 1, max: 100_000, description: 'new articles per day, all publishers together' }),
  sessionsPerDay: s.number({ default: 2, min: 0, max: 50, description: 'app sessions per day of a fully engaged reader' }),
  feedSize: s.number({ default: 10, integer: true, min: 1, max: 50, description: 'articles a feed shows' }),
  candidates: s.number({ default: 60, integer: true, min: 2, max: 1000, description: 'newest articles offered to the feed service to rank' }),
  freshHours: s.number({ default: 48, min: 1, max: 24 * 30, description: 'how long an article stays a candidate' }),
  interestDrift: s.number({ default: 0.02, min: 0, max: 0.5, description: "how far a read pulls the reader's interests toward its topic" }),
  defaultFeed: s.enum(['popular', 'latest'] as const, { default: 'popular', description: 'the built-in ranking when no feed service is given' }),
  topic: s.string({ default: 'newslog', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'a topic name of letters, digits, . _ -' }),
});

export type NewsroomConfig = Infer<typeof newsroomConfigSchema>;
