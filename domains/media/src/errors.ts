import { ProdsimError, type ErrorCode } from '@prodsim/core';

/**
 * Codes of the media kit. Core's ErrorCode union lists core's own codes; the media kit adds its
 * own here rather than editing core.
 */
export const MediaErrorCodes = {
  /** A media item was stored twice under one id, or with an unusable body. */
  STORE: 'PRODSIM_ERR_MEDIA_STORE',
  /** An event does not follow its declared schema (a bug in the domain, caught by tests). */
  EVENT_SCHEMA: 'PRODSIM_ERR_MEDIA_EVENT_SCHEMA',
} as const;

export type MediaErrorCode = (typeof MediaErrorCodes)[keyof typeof MediaErrorCodes];

export class MediaError extends ProdsimError {
  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(code as unknown as ErrorCode, message, options);
    this.name = 'MediaError';
  }
}
