/**
 * What happens to an image between the creator's scene and the pixels the app serves: the
 * lighting and colour filters of the day (scheduled drift), a lower camera resolution, and an
 * adversarial creator's perturbations. Effects change what a service sees, not what the image
 * is: the hidden truth is computed from the clean scene.
 */
export const FILTERS = ['none', 'sepia', 'mono', 'warm', 'cool', 'vivid', 'faded'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface Effects {
  /** Multiplies pixel values (1 = unchanged; 0.5 = a dim evening). */
  brightness: number;
  /** Stretches values around mid-grey (1 = unchanged). */
  contrast: number;
  filter: FilterName;
  /** Share of the full resolution the camera captured (1 = full); upscaled back for serving. */
  resolution: number;
  /** Adversarial perturbation strength, 0 (none) to 1: noise, a hue turn and a mirror. */
  perturbation: number;
}

export const NO_EFFECTS: Readonly<Effects> = { brightness: 1, contrast: 1, filter: 'none', resolution: 1, perturbation: 0 };

export function isClean(e: Effects): boolean {
  return e.brightness === 1 && e.contrast === 1 && e.filter === 'none' && e.resolution >= 1 && e.perturbation <= 0;
}

/** Colour matrices (rows: output R, G, B) for the named filters. */
export const FILTER_MATRICES: Readonly<Record<Exclude<FilterName, 'none' | 'vivid' | 'faded'>, number[][]>> = {
  sepia: [
    [0.393, 0.769, 0.189],
    [0.349, 0.686, 0.168],
    [0.272, 0.534, 0.131],
  ],
  mono: [
    [0.299, 0.587, 0.114],
    [0.299, 0.587, 0.114],
    [0.299, 0.587, 0.114],
  ],
  warm: [
    [1.12, 0.05, 0],
    [0.02, 1.0, 0],
    [0, 0, 0.82],
  ],
  cool: [
    [0.85, 0, 0],
    [0, 1.0, 0.04],
    [0, 0.06, 1.15],
  ],
};
