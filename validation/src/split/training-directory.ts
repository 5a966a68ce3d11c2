import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { genreNames, type MovieLensData } from '@prodsim/domain-movies';
import { ratingsByUser, type RatingSplit } from './time-split.js';

/**
 * Writes the training part of a split as an ml-latest directory (movies.csv, ratings.csv, and
 * links.csv when the source has one), so that a world can be fitted to it with the movies
 * configuration `source: <dir>`. The movies are all of the source's, in its order, so that movie
 * indices in the fitted world are the dataset's indices (what the offline tier and a warm start
 * use). An ml-latest source's movies.csv and links.csv are copied byte for byte; ml-100k and
 * ml-1m get a movies.csv written from what their loader read.
 */
export function writeTrainingDirectory(data: MovieLensData, split: RatingSplit, dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (data.format === 'ml-latest') {
    copyFileSync(join(data.dir, 'movies.csv'), join(dir, 'movies.csv'));
    if (existsSync(join(data.dir, 'links.csv'))) copyFileSync(join(data.dir, 'links.csv'), join(dir, 'links.csv'));
  } else {
    writeFileSync(join(dir, 'movies.csv'), moviesCsv(data));
  }
  writeFileSync(join(dir, 'ratings.csv'), ratingsCsv(data, split));
}

function moviesCsv(data: MovieLensData): string {
  const lines = ['movieId,title,genres'];
  const m = data.movies;
  for (let i = 0; i < m.count; i++) {
    const title = m.years[i] ? `${m.titles[i]} (${m.years[i]})` : m.titles[i];
    const genres = genreNames(m.genreMasks[i]);
    lines.push(`${m.ids[i]},${csvField(title)},${genres.length > 0 ? genres.join('|') : '(no genres listed)'}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The training ratings with the dataset's own user and movie ids, grouped by user in the source's
 * user order (file order within a user). Loaders number users by first appearance, and every
 * user keeps a training rating, so user indices read back from this directory are the source's.
 */
function ratingsCsv(data: MovieLensData, split: RatingSplit): string {
  const r = data.ratings;
  const byUser = ratingsByUser(r.user, data.users.count);
  const lines = ['userId,movieId,rating,timestamp'];
  for (const i of byUser.indices) {
    if (split.heldOut[i]) continue;
    lines.push(`${data.users.ids[r.user[i]]},${data.movies.ids[r.movie[i]]},${r.value[i].toFixed(1)},${r.time[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
