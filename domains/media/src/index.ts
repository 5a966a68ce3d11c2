/**
 * @prodsim/media: what prodsim's media domains (images, audio) share. A bounded store of encoded
 * media and the routes that serve it, the `feed` (rank candidates) and classify (label one item)
 * prediction endpoints, creator and viewer behaviour (styles that drift toward what is liked,
 * tastes in the hidden content space, feeds scrolled with position bias), and versioned JSON-line
 * events. Domain specifics (how media are made, what the hidden labels mean) stay in the domains.
 */
export { MediaError, MediaErrorCodes } from './errors.js';
export type { MediaErrorCode } from './errors.js';
export { isPublicWorld, publicWorldWarning } from './public-world.js';
export { dotAt, drawShiftAxes, meanSd, sameRank } from './truth/readout-shift-math.js';

export { MediaStore } from './store/media-store.js';
export type { MediaState, MediaStoreOptions } from './store/media-store.js';
export { MEDIA_ID, mediaCollection, mediaRoute } from './store/media-routes.js';
export type { MediaCollectionOptions } from './store/media-routes.js';

export { createFeedEndpoint, presentFeed } from './endpoints/feed-endpoint.js';
export type { FeedEndpointOptions, FeedRanking, FeedRequest } from './endpoints/feed-endpoint.js';
export { createClassifyEndpoint } from './endpoints/classify-endpoint.js';
export type { ClassifyEndpointOptions } from './endpoints/classify-endpoint.js';
export { asItemId, parseJsonBody } from './endpoints/json-body.js';

export { checkEvent, COMMON_FIELDS, schemaMarkdown } from './events/event-schema.js';
export type { EventKindSchema, EventSchema, FieldSchema, FieldType } from './events/event-schema.js';
export { JsonEventWriter } from './events/event-writer.js';
export type { EventFields } from './events/event-writer.js';
export { IsoTime } from './events/iso-time.js';

export { CandidatePool } from './behaviour/candidate-pool.js';
export { CreatorPool } from './behaviour/creators.js';
export type { CreatorPoolOptions } from './behaviour/creators.js';
export { DEFAULT_HOURLY_ACTIVITY, DiurnalProfile } from './behaviour/diurnal-profile.js';
export { PositionBias } from './behaviour/position-bias.js';
export { expectedFeedValue, expectedSigmoid } from './behaviour/feed-value.js';
export type { ItemExpectation } from './behaviour/feed-value.js';
export type { PositionBiasOptions } from './behaviour/position-bias.js';
export { rankByValue } from './behaviour/rank-by-value.js';
export type { RankTies } from './behaviour/rank-by-value.js';
export { ScrollSessions } from './behaviour/scroll-sessions.js';
export type { ScrollHandler } from './behaviour/scroll-sessions.js';
export { communityCentres, ViewerPool } from './behaviour/viewers.js';
export type { ViewerPoolOptions } from './behaviour/viewers.js';
