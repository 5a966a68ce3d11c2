import type { EventSchema } from '@prodsim/media';

const int = (description: string) => ({ type: 'int' as const, description });
const status = int('HTTP status of the answer; 0 when none came (timeout, refused connection)');
const latency = int('latency the world observed, ms (rounded)');
const error = { type: 'string' as const, optional: true, description: 'what went wrong, when the request failed' };

/**
 * The images domain's stream, version 1. Never in it: embeddings, tastes, violation scores, the
 * hidden harmful label, which creators are adversarial.
 */
export const IMAGES_EVENT_SCHEMA = {
  version: 1,
  kinds: {
    upload: {
      description:
        'A creator posted an image; it is public from now on at `url` (and its metadata at `/image/<id>`). Backlog images are announced at the start of the run with `backlog: true`.',
      key: 'image',
      fields: {
        image: int('image id'),
        creator: int('creator id'),
        url: { type: 'string', description: 'path of the PNG on the entity API, `/image/<id>.png`' },
        width: int('pixels'),
        height: int('pixels'),
        backlog: { type: 'boolean', optional: true, description: 'true for images that were public before the run started (not moderated again)' },
      },
    },
    edit: {
      description:
        'A creator replaced an image with a new picture: same id and `url`, new pixels (and so a new hidden truth), not moderated again. Anything computed from the old pixels is stale from now on.',
      key: 'image',
      fields: {
        image: int('image id'),
        creator: int('creator id'),
        url: { type: 'string', description: 'path of the PNG on the entity API, `/image/<id>.png` (the new picture from now on)' },
        version: int('edits of this image so far, this one included (the `version` of `/image/<id>`)'),
      },
    },
    moderation: {
      description:
        'The app decided on an upload at its decision time (upload time + deadline) from the `moderate` answer, or from its failure policy when the request failed.',
      key: 'image',
      fields: {
        image: int('image id'),
        creator: int('creator id'),
        decision: { type: 'string', values: ['allow', 'block'], description: 'what the app did' },
        status,
        latency_ms: latency,
        fallback: { type: 'boolean', description: 'true when the request failed and the failure policy decided' },
        error,
      },
    },
    feed: {
      description:
        'A user opened the app; the `feed` request for them was decided (at request time + deadline). The app shows the ranked candidates first, then the rest in request order.',
      key: 'user',
      fields: {
        user: int('user id'),
        request: int('feed request id (impressions refer to it)'),
        status,
        latency_ms: latency,
        candidates: int('candidates sent'),
        ranked: int('candidates the answer ranked (after dropping unknown and repeated ids)'),
        dropped: int('ids of the answer dropped: not candidates, or repeated'),
        shown: { type: 'int[]', description: 'image ids in the order the feed shows them (the user may stop before the end)' },
        error,
      },
    },
    impression: {
      description: 'The user scrolled to an image of the feed.',
      key: 'user',
      fields: { user: int('user id'), image: int('image id'), position: int('0 = top of the feed'), request: int('the feed request') },
    },
    dwell: {
      description: 'How long the user stayed on an image.',
      key: 'user',
      fields: { user: int('user id'), image: int('image id'), ms: int('milliseconds') },
    },
    like: { description: 'The user liked an image.', key: 'user', fields: { user: int('user id'), image: int('image id') } },
    skip: { description: 'The user scrolled past an image quickly (disliked it).', key: 'user', fields: { user: int('user id'), image: int('image id') } },
    report: { description: 'The user reported an image as harmful.', key: 'user', fields: { user: int('user id'), image: int('image id') } },
    review: {
      description:
        'A human review decided on an image: after enough reports (`trigger: reports`: `removed` or `kept`), or on an appeal (`trigger: appeal`: `reinstated` or `upheld`). Reviewers are right most of the time, not always.',
      key: 'image',
      fields: {
        image: int('image id'),
        trigger: { type: 'string', values: ['reports', 'appeal'], description: 'what sent the image to review' },
        decision: { type: 'string', values: ['removed', 'kept', 'reinstated', 'upheld'], description: 'the outcome' },
      },
    },
    appeal: { description: 'A creator appealed the block of an image.', key: 'image', fields: { image: int('image id'), creator: int('creator id') } },
    'user-left': { description: 'The user left the app for good (no more sessions).', key: 'user', fields: { user: int('user id') } },
    'creator-stats': {
      description: "A creator's figures for the previous UTC day (only creators with any activity).",
      key: 'creator',
      fields: {
        creator: int('creator id'),
        date: { type: 'string', description: 'the day, `YYYY-MM-DD`' },
        uploads: int('uploads that day'),
        impressions: int("impressions of the creator's images"),
        likes: int('likes'),
        reports: int('reports'),
        blocked: int('uploads blocked by moderation'),
      },
    },
  },
} as const satisfies EventSchema;

export type ImagesEventKind = keyof typeof IMAGES_EVENT_SCHEMA.kinds;
