export type MovieLensFormat = 'ml-100k' | 'ml-1m' | 'ml-latest';

/** A MovieLens release in memory, with dense indices (0..n-1) for users and movies. */
export interface MovieLensData {
  format: MovieLensFormat;
  dir: string;
  movies: {
    count: number;
    /** The dataset's own movie ids. */
    ids: Int32Array;
    titles: string[];
    /** Release year, or 0 when the title gives none. */
    years: Int16Array;
    genreMasks: Uint32Array;
    tmdbIds?: Int32Array;
    imdbIds?: Int32Array;
  };
  users: {
    count: number;
    ids: Int32Array;
    /** Demographics, when the release has them (ml-100k, ml-1m). */
    age?: Uint8Array;
    gender?: Uint8Array;
    occupation?: Uint8Array;
  };
  ratings: {
    count: number;
    user: Int32Array;
    movie: Int32Array;
    /** Stars: 1-5, or 0.5-5 in halves for ml-latest. */
    value: Float32Array;
    /** Seconds since the epoch. */
    time: Uint32Array;
  };
}

/** Columns for ratings while a file is read, sized from its line count (ml-latest has 33M). */
export class RatingColumns {
  count = 0;
  user: Int32Array;
  movie: Int32Array;
  value: Float32Array;
  time: Uint32Array;

  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.user = new Int32Array(n);
    this.movie = new Int32Array(n);
    this.value = new Float32Array(n);
    this.time = new Uint32Array(n);
  }

  push(user: number, movie: number, value: number, time: number): void {
    const i = this.count++;
    this.user[i] = user;
    this.movie[i] = movie;
    this.value[i] = value;
    this.time[i] = time;
  }

  done(): MovieLensData['ratings'] {
    return {
      count: this.count,
      user: this.user.subarray(0, this.count),
      movie: this.movie.subarray(0, this.count),
      value: this.value.subarray(0, this.count),
      time: this.time.subarray(0, this.count),
    };
  }
}
