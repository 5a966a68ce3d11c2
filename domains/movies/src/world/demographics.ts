import { GENRE_COUNT, genreIndex } from '../genres.js';

/** Occupations as in MovieLens 1M (the course's user records use these words). */
export const OCCUPATIONS: readonly string[] = [
  'other or not specified',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];
/** Rough shares of each occupation among adults (students and K-12 are chosen by age). */
export const OCCUPATION_WEIGHTS: readonly number[] = [8, 5, 3, 3, 0, 2, 4, 10, 0.5, 1, 0, 1, 5, 0, 5, 3, 3, 8, 2, 1, 2];
export const OCC_COLLEGE = 4;
export const OCC_K12 = 10;
export const OCC_RETIRED = 13;

export const GENDER_M = 0;
export const GENDER_F = 1;
export const GENDERS = ['M', 'F'] as const;

/** Age groups for demographic effects: <18, 18-24, 25-34, 35-49, 50+. */
export function ageGroup(age: number): number {
  return age < 18 ? 0 : age < 25 ? 1 : age < 35 ? 2 : age < 50 ? 3 : 4;
}
export const AGE_GROUPS = 5;

/** Age distribution of a streaming audience: 8% minors, a bulge at 20-40, a long tail. */
export const AGE_BANDS: readonly { lo: number; hi: number; weight: number }[] = [
  { lo: 10, hi: 18, weight: 8 },
  { lo: 18, hi: 25, weight: 20 },
  { lo: 25, hi: 35, weight: 27 },
  { lo: 35, hi: 50, weight: 25 },
  { lo: 50, hi: 65, weight: 14 },
  { lo: 65, hi: 86, weight: 6 },
];

function table(entries: Record<string, number>): Float32Array {
  const t = new Float32Array(GENRE_COUNT);
  for (const [name, v] of Object.entries(entries)) t[genreIndex(name)] = v;
  return t;
}

/**
 * Hidden demographic effects on genre taste, stars added to a movie's true rating per genre it
 * has. Part of the ground truth: never exposed, only felt through what users choose and rate.
 */
export const AGE_GENRE_EFFECT: readonly Float32Array[] = [
  table({
    Animation: 0.45,
    Children: 0.5,
    Fantasy: 0.25,
    Adventure: 0.2,
    Comedy: 0.1,
    Documentary: -0.4,
    'Film-Noir': -0.4,
    War: -0.2,
    Western: -0.3,
    Drama: -0.2,
  }),
  table({ Action: 0.15, Horror: 0.2, 'Sci-Fi': 0.1, Comedy: 0.1, Children: -0.3, Western: -0.25, Musical: -0.1 }),
  table({ Thriller: 0.05, Crime: 0.05, Children: -0.2 }),
  table({ Drama: 0.1, Documentary: 0.1, Horror: -0.1, Animation: -0.1 }),
  table({ Drama: 0.15, War: 0.2, Western: 0.25, 'Film-Noir': 0.2, Musical: 0.15, Documentary: 0.15, Horror: -0.25, Animation: -0.2, 'Sci-Fi': -0.1 }),
];

export const GENDER_GENRE_EFFECT: readonly Float32Array[] = [
  table({ Action: 0.12, War: 0.12, 'Sci-Fi': 0.1, Western: 0.08, Romance: -0.12, Musical: -0.08 }),
  table({ Romance: 0.15, Musical: 0.1, Drama: 0.05, Children: 0.05, War: -0.12, Action: -0.08, Horror: -0.05 }),
];
