/** The built-in baselines an experiment arm can use without any outside service. */
export const BASELINES = ['random', 'popularity', 'item-knn', 'mf'] as const;
export type BaselineName = (typeof BASELINES)[number];
