/** Hit and NDCG at k of one ranked list against a user's held-out items (binary relevance). */
export interface RankingScore {
  /** 1 when at least one held-out item is in the top k, else 0. */
  hit: number;
  ndcg: number;
}

/**
 * NDCG@k with binary relevance: DCG = sum over the top k of rel / log2(position + 1), divided
 * by the DCG of an ideal list (every held-out item first, at most k of them).
 */
export function scoreRanking(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): RankingScore {
  if (relevant.size === 0) throw new RangeError('a ranking is scored against at least one held-out item');
  let dcg = 0;
  let hit = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) {
    if (!relevant.has(ranked[i])) continue;
    hit = 1;
    dcg += 1 / Math.log2(i + 2);
  }
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return { hit, ndcg: dcg / ideal };
}
