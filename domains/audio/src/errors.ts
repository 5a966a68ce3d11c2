import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the audio domain (declared here: a domain adds its codes without editing core). */
export const AudioErrorCodes = {
  /** Bytes that are not a RIFF/WAVE file this package can read (the message says what is wrong). */
  WAV_INVALID: 'PRODSIM_ERR_AUDIO_WAV_INVALID',
  /** A clip description or sample buffer that cannot be rendered or encoded. */
  CLIP_INVALID: 'PRODSIM_ERR_AUDIO_CLIP_INVALID',
  /** A text-to-speech engine was asked for but is not installed, or failed. */
  VOICE_UNAVAILABLE: 'PRODSIM_ERR_AUDIO_VOICE_UNAVAILABLE',
  /** The hidden-truth models could not be loaded or run. */
  TRUTH_FAILED: 'PRODSIM_ERR_AUDIO_TRUTH_FAILED',
} as const satisfies Record<string, ErrorCode>;

export type AudioErrorCode = (typeof AudioErrorCodes)[keyof typeof AudioErrorCodes];

export const AudioError = errorClass('AudioError', AudioErrorCodes);
export type AudioError = InstanceType<typeof AudioError>;
