/**
 * @prodsim/domain-audio: the audio-sharing domain (audio/v1), its clip synthesis, WAV codec and
 * hidden-truth oracle.
 */
export { audioDomain } from './audio-domain.js';
export { AudioWorld } from './audio-world.js';
export { audioConfigSchema } from './config.js';
export type { AudioConfig } from './config.js';
export { AudioError, AudioErrorCodes } from './errors.js';
export type { AudioErrorCode } from './errors.js';
export { AUDIO_EVENT_SCHEMA, CLIP_LABELS } from './events/audio-events.js';
export type { AudioEventKind, ClipLabel } from './events/audio-events.js';
export { AUDIO_SCENARIO_ACTIONS, AUDIO_ACTION_NAMES } from './scenario-actions.js';
export type { AudioAction } from './scenario-actions.js';
export type { ClassifyRequest } from './world/audio-state.js';
export type { ClipView } from './world/clip-views.js';
export { builtinPredictor } from './predictors/builtin-predictors.js';
export type { ClassifierName, PublicFigures, RankerName } from './predictors/builtin-predictors.js';

export { encodeWav } from './wav/wav-encode.js';
export { decodeWav } from './wav/wav-decode.js';
export type { DecodedWav } from './wav/wav-decode.js';
export { ClipRenderer } from './synth/clip-renderer.js';
export { describeClip, musicStyle, clipSeconds } from './synth/describe-clip.js';
export type { CreatorStyle } from './synth/describe-clip.js';
export { DRUM_PATTERNS, INSTRUMENTS, MAX_SECONDS, MIN_SECONDS, SCALES, TEXTURES } from './synth/clip-description.js';
export type {
  BabbleDescription,
  ClipDescription,
  ClipKind,
  DrumPattern,
  InstrumentName,
  MusicDescription,
  Recording,
  ScaleName,
  TextureDescription,
  TextureName,
  VoiceDescription,
} from './synth/clip-description.js';
export { ALL_GENRES, LATER_GENRES, STARTING_GENRES, genreByName } from './synth/genres.js';
export type { Genre } from './synth/genres.js';
export { resampleAudio } from './synth/resample.js';
export { TruthOracle } from './truth/truth-oracle.js';
export type { ClipFeatures, ClipTruth, TruthOracleOptions } from './truth/truth-oracle.js';
export { SpeechReadout } from './truth/speech-readout.js';
export type { SpeechFeatures } from './truth/speech-readout.js';
export { VoiceEngine } from './voice/voice-engine.js';
export type { Utterance, VoiceEngineName } from './voice/voice-engine.js';
export { seededSentence } from './voice/sentences.js';
