import type { EventSchema } from '@prodsim/media';

const int = (description: string) => ({ type: 'int' as const, description });
const status = int('HTTP status of the answer; 0 when none came (timeout, refused connection)');
const latency = int('latency the world observed, ms (rounded)');
const error = { type: 'string' as const, optional: true, description: 'what went wrong, when the request failed' };

export const CLIP_LABELS = ['explicit', 'speech', 'other'] as const;
export type ClipLabel = (typeof CLIP_LABELS)[number];

/**
 * The audio domain's stream, version 1. Never in it: embeddings, explicit or speech scores, latent
 * categories, listener tastes, clip descriptions. Reviews carry labels as a human reviewer heard
 * them (mostly right, not always).
 */
export const AUDIO_EVENT_SCHEMA = {
  version: 1,
  kinds: {
    upload: {
      description:
        'A creator published a clip; it is public from now on at `url` (metadata at `/audio/<id>`). Clips of the backlog are published at the start of the run with `backlog: true`.',
      key: 'clip',
      fields: {
        clip: int('clip id'),
        creator: int('creator id'),
        url: { type: 'string', description: 'path of the WAV (16 kHz mono, 16-bit) on the entity API, `/audio/<id>.wav`' },
        seconds: int('length of the clip, s (2-10)'),
        backlog: { type: 'boolean', optional: true, description: 'true for clips that were public before the run started' },
      },
    },
    edit: {
      description:
        'A creator replaced a clip with new audio: same id and `url`, new sound (and so a new hidden truth), not classified again: the label the app applied may no longer fit. Anything computed from the old audio is stale from now on.',
      key: 'clip',
      fields: {
        clip: int('clip id'),
        creator: int('creator id'),
        url: { type: 'string', description: 'path of the WAV on the entity API, `/audio/<id>.wav` (the new audio from now on)' },
        seconds: int('length of the new audio, s (2-10)'),
        version: int('edits of this clip so far, this one included (the `version` of `/audio/<id>`)'),
      },
    },
    classification: {
      description:
        'The app labelled a clip at its decision time (publish time + deadline) from the `classify` answer. `explicit` clips are kept from safe-mode listeners, `speech` clips go to talk sessions, `other` to music sessions; a failed request leaves the clip unlabelled (kept from safe-mode listeners, offered to both kinds of session).',
      key: 'clip',
      fields: {
        clip: int('clip id'),
        label: { type: 'string', optional: true, values: CLIP_LABELS, description: 'the label applied; absent when the request failed' },
        status,
        latency_ms: latency,
        error,
      },
    },
    next: {
      description:
        'A listener started a session; the `next` request for them was decided (at request time + deadline). The player queues the ranked candidates first, then the rest in request order, and plays from the top.',
      key: 'user',
      fields: {
        user: int('user id'),
        request: int('request id (plays refer to it)'),
        mood: { type: 'string', values: ['talk', 'music'], description: 'the kind of session the listener opened (candidates come from that shelf)' },
        status,
        latency_ms: latency,
        candidates: int('candidates sent'),
        ranked: int('candidates the answer ranked (after dropping unknown and repeated ids)'),
        dropped: int('ids of the answer dropped: not candidates, or repeated'),
        queue: { type: 'int[]', description: 'clip ids in the order the player queues them (the listener may stop before the end)' },
        error,
      },
    },
    play: {
      description: 'The listener played a clip of the queue, for `seconds` (skipped before the end, or listened through: `complete`).',
      key: 'user',
      fields: {
        user: int('user id'),
        clip: int('clip id'),
        request: int('the next request whose queue it came from'),
        position: int('0 = first in the queue'),
        seconds: { type: 'number', description: 'seconds listened (one decimal)' },
        complete: { type: 'boolean', description: 'listened to the end' },
      },
    },
    like: { description: 'The listener liked the clip it played.', key: 'user', fields: { user: int('user id'), clip: int('clip id') } },
    replay: { description: 'The listener played the clip again, right after it ended.', key: 'user', fields: { user: int('user id'), clip: int('clip id') } },
    share: { description: 'The listener shared the clip.', key: 'user', fields: { user: int('user id'), clip: int('clip id') } },
    report: { description: 'The listener reported the clip as explicit.', key: 'user', fields: { user: int('user id'), clip: int('clip id') } },
    review: {
      description:
        'A human reviewer listened to a clip and labelled it: a sample of uploads a day after publication and of the backlog in the first hours of the run (`trigger: sample`) or after reports (`trigger: reports`). The app then applies the reviewed label. Reviewers are right most of the time, not always.',
      key: 'clip',
      fields: {
        clip: int('clip id'),
        trigger: { type: 'string', values: ['sample', 'reports'], description: 'what sent the clip to review' },
        label: { type: 'string', values: CLIP_LABELS, description: '`explicit` if it has explicit content, else `speech` if someone speaks, else `other`' },
      },
    },
  },
} as const satisfies EventSchema;

export type AudioEventKind = keyof typeof AUDIO_EVENT_SCHEMA.kinds;
