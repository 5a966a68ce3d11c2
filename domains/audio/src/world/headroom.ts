import type { AnswerValue, RandomStream } from '@prodsim/core';
import { expectedFeedValue, expectedSigmoid, PositionBias, presentFeed, rankByValue, type FeedRanking, type FeedRequest } from '@prodsim/media';
import { CLIP_LABELS, type ClipLabel } from '../events/audio-events.js';
import type { AudioState, ClassifyRequest } from './audio-state.js';
import type { Listening } from './listening.js';

/**
 * What answers to audio/v1's endpoints are worth under the hidden truth, for the staff headroom
 * figures (core's Headroom; never the stream, the API or a service).
 *
 * `next`: the expected listen-throughs of the queue as the player would play it (the ranked clips,
 * then the rest in request order), as Listening does: position bias, a clip listened through with
 * chance sigmoid(completeBias + completeSlope x (value + noise)) where value is the clip's hidden
 * worth to the listener in this session's mood, and a skip ending the session with quitAfterSkip.
 * The oracle ranks by that value; the random answer shuffles the candidates.
 *
 * `classify`: 1 for the clip's true label, 0 otherwise (a failed request leaves the clip
 * unlabelled: 0). The oracle answers the true label; the random answer one of the three labels.
 */
export function audioAnswerValues(s: AudioState, listening: Listening): Record<string, AnswerValue> {
  const { config } = s;
  const bias = new PositionBias({ persist: config.persist, attentionDecay: config.attentionDecay });
  const completes = (u: number, clip: number) =>
    expectedSigmoid(config.completeBias + config.completeSlope * listening.trueValue(u, clip), config.completeSlope * config.reactionNoise);
  const next: AnswerValue<FeedRequest, FeedRanking> = {
    measure: 'expected listen-throughs per queue',
    value(request, answer) {
      const u = request.user;
      const queue = presentFeed(request.candidates, answer, config.queueSize);
      // gain and stay ask about the same clip in turn: its chance is computed once.
      let last = -1;
      let p = 0;
      const chance = (clip: number) => {
        if (clip !== last) {
          last = clip;
          p = completes(u, clip);
        }
        return p;
      };
      return expectedFeedValue(queue, bias, {
        gain: chance,
        stay: (clip) => {
          const q = chance(clip);
          return q + (1 - q) * (1 - config.quitAfterSkip);
        },
      });
    },
    oracle(request) {
      const u = request.user;
      // Only the first queueSize of a ranking are played (value), so the oracle picks just those.
      return { ranked: rankByValue(request.candidates, (clip) => listening.trueValue(u, clip), 'id', config.queueSize) };
    },
    random: (request, rng: RandomStream) => ({ ranked: rng.shuffle([...request.candidates]) }),
  };
  const classify: AnswerValue<ClassifyRequest, ClipLabel> = {
    measure: 'share of clips labelled right by the hidden truth',
    value: (request, answer) => (answer !== undefined && answer === s.catalogue.trueLabel(request.clip) ? 1 : 0),
    oracle: (request) => s.catalogue.trueLabel(request.clip),
    random: (_request, rng: RandomStream) => CLIP_LABELS[rng.int(CLIP_LABELS.length)],
  };
  return { next, classify };
}
