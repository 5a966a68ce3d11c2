import type { DrumPattern, InstrumentName, ScaleName } from './clip-description.js';

/** A music genre: the ranges a musician's loops are drawn from. */
export interface Genre {
  readonly name: string;
  readonly scales: readonly ScaleName[];
  readonly tempo: readonly [number, number];
  readonly instruments: readonly InstrumentName[];
  readonly drums: readonly DrumPattern[];
  readonly swing: readonly [number, number];
  readonly bass: number;
  /** Melody note density (share of the 16 steps that sound). */
  readonly density: number;
  /** MIDI root range of the melody. */
  readonly root: readonly [number, number];
}

/** Genres musicians start in. */
export const STARTING_GENRES: readonly Genre[] = [
  {
    name: 'lofi',
    scales: ['minor', 'dorian', 'minor-pentatonic'],
    tempo: [70, 90],
    instruments: ['piano', 'pad'],
    drums: ['backbeat', 'shuffle'],
    swing: [0.1, 0.25],
    bass: 0.9,
    density: 0.35,
    root: [57, 64],
  },
  {
    name: 'chiptune',
    scales: ['major', 'pentatonic'],
    tempo: [130, 170],
    instruments: ['square'],
    drums: ['four', 'breaks'],
    swing: [0, 0],
    bass: 0.8,
    density: 0.6,
    root: [64, 72],
  },
  {
    name: 'folk',
    scales: ['major', 'pentatonic', 'dorian'],
    tempo: [90, 120],
    instruments: ['pluck', 'flute'],
    drums: ['none', 'shuffle'],
    swing: [0, 0.15],
    bass: 0.4,
    density: 0.45,
    root: [55, 67],
  },
  {
    name: 'techno',
    scales: ['minor', 'phrygian'],
    tempo: [120, 135],
    instruments: ['saw'],
    drums: ['four'],
    swing: [0, 0.05],
    bass: 1,
    density: 0.3,
    root: [48, 57],
  },
  {
    name: 'classical',
    scales: ['major', 'minor'],
    tempo: [60, 100],
    instruments: ['piano', 'organ'],
    drums: ['none'],
    swing: [0, 0],
    bass: 0.5,
    density: 0.55,
    root: [60, 72],
  },
];

/** Genres that appear only when a scenario (or the drift schedule) introduces them. */
export const LATER_GENRES: readonly Genre[] = [
  {
    name: 'gamelan',
    scales: ['pentatonic', 'whole-tone'],
    tempo: [80, 110],
    instruments: ['bell'],
    drums: ['none'],
    swing: [0, 0],
    bass: 0.2,
    density: 0.5,
    root: [60, 72],
  },
  {
    name: 'blues',
    scales: ['blues'],
    tempo: [70, 100],
    instruments: ['organ', 'piano'],
    drums: ['shuffle'],
    swing: [0.25, 0.35],
    bass: 0.9,
    density: 0.4,
    root: [55, 62],
  },
  {
    name: 'hyperpop',
    scales: ['major', 'whole-tone'],
    tempo: [150, 180],
    instruments: ['saw', 'square', 'bell'],
    drums: ['breaks'],
    swing: [0, 0],
    bass: 1,
    density: 0.7,
    root: [67, 76],
  },
];

export const ALL_GENRES: readonly Genre[] = [...STARTING_GENRES, ...LATER_GENRES];

export function genreByName(name: string): Genre | undefined {
  return ALL_GENRES.find((g) => g.name === name);
}
