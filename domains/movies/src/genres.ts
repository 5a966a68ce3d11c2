/**
 * The genre vocabulary. Internally the MovieLens genres (so that the fidelity report and the
 * MovieLens loaders compare like with like); on the public movie JSON the TMDb genre each maps
 * to, since the course's movie records came from TMDb. TMDb has no Film-Noir and files noir
 * under Crime, so does the JSON.
 */
export interface GenreInfo {
  readonly name: string;
  readonly tmdbId: number;
  readonly tmdbName: string;
}

export const GENRES: readonly GenreInfo[] = [
  { name: 'Action', tmdbId: 28, tmdbName: 'Action' },
  { name: 'Adventure', tmdbId: 12, tmdbName: 'Adventure' },
  { name: 'Animation', tmdbId: 16, tmdbName: 'Animation' },
  { name: 'Children', tmdbId: 10751, tmdbName: 'Family' },
  { name: 'Comedy', tmdbId: 35, tmdbName: 'Comedy' },
  { name: 'Crime', tmdbId: 80, tmdbName: 'Crime' },
  { name: 'Documentary', tmdbId: 99, tmdbName: 'Documentary' },
  { name: 'Drama', tmdbId: 18, tmdbName: 'Drama' },
  { name: 'Fantasy', tmdbId: 14, tmdbName: 'Fantasy' },
  { name: 'Film-Noir', tmdbId: 80, tmdbName: 'Crime' },
  { name: 'Horror', tmdbId: 27, tmdbName: 'Horror' },
  { name: 'Musical', tmdbId: 10402, tmdbName: 'Music' },
  { name: 'Mystery', tmdbId: 9648, tmdbName: 'Mystery' },
  { name: 'Romance', tmdbId: 10749, tmdbName: 'Romance' },
  { name: 'Sci-Fi', tmdbId: 878, tmdbName: 'Science Fiction' },
  { name: 'Thriller', tmdbId: 53, tmdbName: 'Thriller' },
  { name: 'War', tmdbId: 10752, tmdbName: 'War' },
  { name: 'Western', tmdbId: 37, tmdbName: 'Western' },
];

export const GENRE_COUNT = GENRES.length;

const byName = new Map<string, number>();
GENRES.forEach((g, i) => {
  byName.set(g.name.toLowerCase(), i);
  byName.set(g.tmdbName.toLowerCase(), byName.get(g.tmdbName.toLowerCase()) ?? i);
});
// Spellings used by the MovieLens releases (ml-100k and ml-1m say "Children's").
byName.set("children's", 3);
byName.set('science fiction', 14);
byName.set('family', 3);
byName.set('music', 11);

/** Genre index for a MovieLens or TMDb genre name, or -1 (e.g. IMAX, "(no genres listed)"). */
export function genreIndex(name: string): number {
  return byName.get(name.trim().toLowerCase()) ?? -1;
}

export function genreNames(mask: number): string[] {
  const out: string[] = [];
  for (let g = 0; g < GENRE_COUNT; g++) if (mask & (1 << g)) out.push(GENRES[g].name);
  return out;
}

export function genreMask(names: readonly string[]): number {
  let mask = 0;
  for (const n of names) {
    const g = genreIndex(n);
    if (g >= 0) mask |= 1 << g;
  }
  return mask;
}
