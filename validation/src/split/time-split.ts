import type { MovieLensData } from '@prodsim/domain-movies';

/** A split of a MovieLens release's ratings into a training part and a held-out part. */
export interface RatingSplit {
  /** Share of each user's ratings (the earliest) that train. */
  trainShare: number;
  /** Per rating (an index into `data.ratings`): 1 when it is held out, 0 when it trains. */
  heldOut: Uint8Array;
  trainCount: number;
  heldOutCount: number;
  /** Users with at least one held-out rating: the users the offline tier scores. */
  evaluatedUsers: number;
}

/** How many of a user's n ratings train: the earliest `share`, rounded up, so every user keeps one. */
export function trainingCount(n: number, share: number): number {
  return Math.min(n, Math.ceil(n * share - 1e-9));
}

/**
 * By time within each user: each user's earliest `trainShare` of ratings train, the rest are
 * held out. (A single global time cut leaves most users without held-out ratings: on
 * ml-latest-small only 28 of 610.) Ties in time are broken by the dataset's movie id, then by
 * the rating's position in the file, so the split is the same on every machine.
 */
export function splitByTime(data: MovieLensData, trainShare = 0.8): RatingSplit {
  const { ratings } = data;
  const byUser = ratingsByUser(ratings.user, data.users.count);
  const heldOut = new Uint8Array(ratings.count);
  const movieId = data.movies.ids;
  let evaluatedUsers = 0;
  let heldOutCount = 0;
  for (let u = 0; u < data.users.count; u++) {
    const own = Array.from(byUser.indices.subarray(byUser.start[u], byUser.start[u + 1]));
    own.sort((a, b) => ratings.time[a] - ratings.time[b] || movieId[ratings.movie[a]] - movieId[ratings.movie[b]] || a - b);
    const train = trainingCount(own.length, trainShare);
    for (let j = train; j < own.length; j++) heldOut[own[j]] = 1;
    if (own.length > train) evaluatedUsers++;
    heldOutCount += own.length - train;
  }
  return { trainShare, heldOut, trainCount: ratings.count - heldOutCount, heldOutCount, evaluatedUsers };
}

/** Rating indices grouped by user (compressed rows: user u owns indices[start[u]..start[u+1])), in file order. */
export function ratingsByUser(user: ArrayLike<number>, users: number): { start: Int32Array; indices: Int32Array } {
  const start = new Int32Array(users + 1);
  for (let i = 0; i < user.length; i++) start[user[i] + 1]++;
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const fill = start.slice(0, users);
  const indices = new Int32Array(user.length);
  for (let i = 0; i < user.length; i++) indices[fill[user[i]]++] = i;
  return { start, indices };
}
