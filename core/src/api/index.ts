export { ApiServer, DEFAULT_API_PORT } from './api-server.js';
export type { ApiServerOptions, RateLimitOptions } from './api-server.js';
export { apiWorldOf, collectSimulation } from './api-world.js';
export type { ApiWorld } from './api-world.js';
export { ApiError, ApiErrorCodes } from './api-errors.js';
export type { ApiErrorCode } from './api-errors.js';
export { EntityLookup } from './entity-lookup.js';
export { MAX_BULK_IDS, parseIdList } from './id-list.js';
export { mergePrometheus } from './prometheus-merge.js';
