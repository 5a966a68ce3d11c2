import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the media kit (declared here: a package adds its codes without editing core). */
export const MediaErrorCodes = {
  /** A media item was stored twice under one id, or with an unusable body. */
  STORE: 'PRODSIM_ERR_MEDIA_STORE',
  /** An event does not follow its declared schema (a bug in the domain, caught by tests). */
  EVENT_SCHEMA: 'PRODSIM_ERR_MEDIA_EVENT_SCHEMA',
} as const satisfies Record<string, ErrorCode>;

export type MediaErrorCode = (typeof MediaErrorCodes)[keyof typeof MediaErrorCodes];

export const MediaError = errorClass('MediaError', MediaErrorCodes);
export type MediaError = InstanceType<typeof MediaError>;
