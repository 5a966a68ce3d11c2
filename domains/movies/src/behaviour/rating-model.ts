/**
 * How enjoyment turns into watching time and ratings. Enjoyment is the user's true rating of the
 * movie as experienced (stars, 1-5 scale), so the same numbers serve both rating scales.
 */
/** Sd of how a movie turns out for the user, around their true rating of it (stars). */
export const EXPERIENCE_SD = 0.6;

export interface RatingModelOptions {
  /** Chance of rating a movie watched to the end and loved. */
  rateProbability: number;
  ratingNoise: number;
  ratingScale: 5 | 10;
}

/**
 * Per-minute chance of giving up, for a movie enjoyed `margin` stars above what it takes the
 * user to start one: small for loved movies, large for disappointing ones.
 */
export function stopHazard(margin: number): number {
  return Math.min(0.2, 0.006 * Math.exp(-1.15 * margin));
}

/**
 * Chance of rating once the viewing ends: higher the more of the movie was seen and the more it
 * was enjoyed, with a smaller rise for movies hated enough to complain about.
 */
export function rateChance(enjoyment: number, completed: number, options: RatingModelOptions): number {
  const d = enjoyment - 3.2;
  const feeling = (1 / (1 + Math.exp(-0.9 * d))) * 0.85 + 0.45 * Math.min(1, Math.abs(d) / 2);
  return options.rateProbability * (0.35 + 0.65 * completed) * Math.min(1, feeling);
}

/** The rating given: enjoyment plus noise, rounded and clamped to the scale (1-5 or 1-10). */
export function ratingValue(enjoyment: number, noise: number, scale: 5 | 10): number {
  const stars = expressed(enjoyment + noise);
  if (scale === 10) return Math.max(1, Math.min(10, Math.round(stars * 2)));
  return Math.max(1, Math.min(5, Math.round(stars)));
}

/**
 * How a felt rating is expressed on a scale: full marks take a little more than rounding up
 * (people keep the top for favourites), and a movie hated enough gets the minimum.
 */
function expressed(stars: number): number {
  if (stars > 4) return stars - 0.1;
  if (stars < 1.7) return stars - 0.2;
  return stars;
}
