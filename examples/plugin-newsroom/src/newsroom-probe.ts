import type { ResearchProbe } from '@prodsim/core';
import type { Articles } from './articles.js';
import type { FeedRequest } from './feed-endpoint.js';
import type { NewsroomTruth } from './newsroom-truth.js';

/**
 * What experiments may ask of a newsroom world (never a feed service): readers grouped by their
 * public age band; articles apart by their public topic and publisher; how far a reader's
 * interests drifted; the hidden value of an article to a reader (for the oracle arm); and how
 * built-in baselines answer the `feed` endpoint (rank the request's candidates).
 */
export function newsroomProbe(truth: NewsroomTruth, articles: Articles, ageBand: readonly string[], feedSize: number): ResearchProbe {
  return {
    userCount: truth.readers,
    get itemCount() {
      return articles.count;
    },
    userGroup: (reader) => ageBand[reader],
    itemDistance(a, b) {
      if (a === b) return 0;
      const sameTopic = articles.topic[a] === articles.topic[b];
      const samePublisher = articles.publisher[a] === articles.publisher[b];
      return sameTopic ? (samePublisher ? 0.25 : 0.5) : samePublisher ? 0.75 : 1;
    },
    tasteDrift: (reader) => truth.drift(reader),
    trueValue: (reader, article) => truth.value(reader, articles.quality[article], articles.topic[article]),
    slateEndpoint: {
      name: 'feed',
      size: feedSize,
      userOf: (request) => (request as FeedRequest).reader,
      candidatesOf: (request) => (request as FeedRequest).candidates,
      answer: (ranked) => [...ranked],
    },
  };
}
