/**
 * Seeded descriptions of clips: small plain objects from which the samples are rendered (the
 * store keeps descriptions, not audio; the same description and seed always render the same
 * samples). Kinds: music loops, ambient and noise textures, formant babble, espeak-ng voices.
 */

/** How a clip was recorded: effective sample rate (band limit), added noise, level. */
export interface Recording {
  /** Rate of the simulated recording device, Hz; the clip is band-limited to half of it and served at 16 kHz. */
  readonly sampleRate: number;
  /** RMS of the background noise added after levelling (0 = clean). */
  readonly noise: number;
  /** Peak level the clip is normalised to; above 1 it clips (a hot recording). */
  readonly level: number;
}

export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  pentatonic: [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
  'whole-tone': [0, 2, 4, 6, 8, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
} as const satisfies Record<string, readonly number[]>;
export type ScaleName = keyof typeof SCALES;

export const INSTRUMENTS = ['piano', 'organ', 'pluck', 'square', 'saw', 'bell', 'pad', 'flute'] as const;
export type InstrumentName = (typeof INSTRUMENTS)[number];

export const DRUM_PATTERNS = ['none', 'four', 'backbeat', 'breaks', 'shuffle'] as const;
export type DrumPattern = (typeof DRUM_PATTERNS)[number];

export interface MusicDescription {
  readonly kind: 'music';
  readonly seconds: number;
  readonly genre: string;
  readonly scale: ScaleName;
  /** MIDI note of the key's root (melody octave). */
  readonly root: number;
  readonly tempo: number;
  readonly instrument: InstrumentName;
  /** 16 sixteenth-note steps: -1 a rest, otherwise a scale degree (may exceed the scale: next octave). */
  readonly pattern: readonly number[];
  /** Chord roots (scale degrees), one per bar, cycled. */
  readonly progression: readonly number[];
  readonly bass: boolean;
  readonly drums: DrumPattern;
  /** Delay of off-beat sixteenths, as a share of a step (0 = straight). */
  readonly swing: number;
  readonly recording: Recording;
}

export const TEXTURES = ['rain', 'wind', 'waves', 'drone', 'birds', 'hum', 'crackle', 'white', 'pink', 'brown'] as const;
export type TextureName = (typeof TEXTURES)[number];

export interface TextureDescription {
  readonly kind: 'texture';
  readonly seconds: number;
  readonly texture: TextureName;
  /** Texture-specific pitch or brightness, Hz (drone fundamental, hum mains frequency, wind centre). */
  readonly frequency: number;
  /** Density of events (drops, chirps, crackles) per second, or modulation rate. */
  readonly density: number;
  readonly recording: Recording;
}

export interface BabbleDescription {
  readonly kind: 'babble';
  readonly seconds: number;
  /** Speaker's mean pitch, Hz. */
  readonly pitchHz: number;
  readonly syllableRate: number;
  /** Level of a music bed under the voice relative to it (0 = none), like a podcast intro. */
  readonly bed: number;
  readonly recording: Recording;
}

export interface VoiceDescription {
  readonly kind: 'voice';
  readonly seconds: number;
  readonly text: string;
  /** espeak-ng voice name, e.g. `en-us`. */
  readonly voice: string;
  /** espeak-ng pitch 0-99 and speed (words per minute). */
  readonly pitch: number;
  readonly speed: number;
  readonly recording: Recording;
}

export type ClipDescription = MusicDescription | TextureDescription | BabbleDescription | VoiceDescription;
export type ClipKind = ClipDescription['kind'];

export const MIN_SECONDS = 2;
export const MAX_SECONDS = 10;
