import type { AnswerValue, RandomStream } from '@prodsim/core';
import { expectedFeedValue, expectedSigmoid, PositionBias, presentFeed, rankByValue, type FeedRanking, type FeedRequest } from '@prodsim/media';
import type { Decision, ImagesState, ModerateRequest } from './images-state.js';

/**
 * What answers to images/v1's endpoints are worth under the hidden truth, for the staff headroom
 * figures (core's Headroom; never the stream, the API or a service).
 *
 * `feed`: the expected likes of the feed as the user would be shown it (the ranked images, then
 * the rest in request order, blocked and removed ones left out), scrolled as FeedSessions does:
 * position bias, a like with chance attention x sigmoid(likeBias + likeSlope x (affinity + noise)),
 * a harmful image driving the user away with harmLeaveProbability. The oracle ranks harmless
 * images by true affinity, harmful ones last; the random answer shuffles the candidates.
 *
 * `moderate`: +1 for blocking a harmful upload, -1 for blocking a harmless one, 0 for allowing
 * either, by the hidden truth: harm stopped net of wrongful blocks (plain accuracy would rank
 * allow-all first, as a few percent of uploads are harmful). A failed request is valued as the
 * configured failure policy. The oracle blocks exactly the harmful uploads.
 */
export function imagesAnswerValues(s: ImagesState): Record<string, AnswerValue> {
  const { config } = s;
  const bias = new PositionBias({ persist: config.persist, attentionDecay: config.attentionDecay });
  const affinity = (u: number, item: number) => s.viewers.affinity(u, s.truth.embeddings, s.truth.offset(item));
  const feed: AnswerValue<FeedRequest, FeedRanking> = {
    measure: 'expected likes per feed',
    value(request, answer) {
      const u = request.user;
      if (s.viewers.left[u]) return 0;
      const shown = presentFeed(request.candidates, answer, config.feedSize).filter((id) => s.candidates.isVisible(id));
      return expectedFeedValue(shown, bias, {
        gain: (item, position) =>
          bias.attention(position) * expectedSigmoid(config.likeBias + config.likeSlope * affinity(u, item), config.likeSlope * config.reactionNoise),
        stay: (item) => (s.truth.harmful[item] === 1 ? 1 - config.harmLeaveProbability : 1),
      });
    },
    oracle(request) {
      const u = request.user;
      // Only the first feedSize of a ranking are shown (value), so the oracle picks just those.
      return { ranked: rankByValue(request.candidates, (id) => (s.truth.harmful[id] === 1 ? -1e9 : 0) + affinity(u, id), 'id', config.feedSize) };
    },
    random(request, rng: RandomStream) {
      return { ranked: rng.shuffle([...request.candidates]) };
    },
  };
  const moderate: AnswerValue<ModerateRequest, Decision> = {
    measure: 'harmful uploads blocked less harmless ones blocked, per upload',
    value(request, answer) {
      if ((answer ?? config.moderationFailure) === 'allow') return 0;
      return s.truth.harmful[request.image] === 1 ? 1 : -1;
    },
    oracle: (request) => (s.truth.harmful[request.image] === 1 ? 'block' : 'allow'),
    random: (_request, rng: RandomStream) => (rng.next() < 0.5 ? 'block' : 'allow'),
  };
  return { feed, moderate };
}
