import { MovieLensFormatError } from '../errors.js';
import { RatingColumns } from './dataset.js';
import { ByteCursor, forEachLine } from './line-reader.js';

export interface RatingsFileSpec {
  /** Path as shown in errors. */
  file: string;
  separator: string;
  /** The expected header line, if the file has one. */
  header?: string;
  /** Field names for error messages. */
  fields: string;
  min: number;
  max: number;
  /** Dense index of a user id (may add users), or -1 if unknown. */
  userIndex(id: number): number;
  /** Dense index of a movie id, or -1 if the movie file does not list it. */
  movieIndex(id: number): number;
  movieFile: string;
}

/** Reads `user<sep>movie<sep>rating<sep>timestamp` lines into columns, failing at the first bad line. */
export function readRatings(buf: Buffer, spec: RatingsFileSpec): RatingColumns {
  const out = new RatingColumns(countLines(buf));
  const sep = [...Buffer.from(spec.separator, 'latin1')];
  const cur = new ByteCursor(buf);
  const text = (s: number, e: number) => buf.toString('utf8', s, e);
  const shape = `expected ${spec.fields} separated by ${JSON.stringify(spec.separator)}`;
  forEachLine(buf, (start, end, line) => {
    if (line === 1 && spec.header !== undefined) {
      if (text(start, end).trim() !== spec.header)
        throw new MovieLensFormatError(spec.file, line, `expected the header ${JSON.stringify(spec.header)}`, text(start, end));
      return;
    }
    cur.reset(start, end);
    const userId = cur.int();
    if (Number.isNaN(userId) || !cur.sep(sep)) throw new MovieLensFormatError(spec.file, line, shape, text(start, end));
    const movieId = cur.int();
    if (Number.isNaN(movieId) || !cur.sep(sep)) throw new MovieLensFormatError(spec.file, line, shape, text(start, end));
    const rating = cur.decimal();
    if (Number.isNaN(rating) || !cur.sep(sep)) throw new MovieLensFormatError(spec.file, line, shape, text(start, end));
    const time = cur.int();
    if (Number.isNaN(time) || !cur.atEnd) throw new MovieLensFormatError(spec.file, line, shape, text(start, end));
    if (time > 0xffffffff) throw new MovieLensFormatError(spec.file, line, `timestamp ${time} is not a time in seconds since 1970`, text(start, end));
    if (rating < spec.min || rating > spec.max)
      throw new MovieLensFormatError(spec.file, line, `rating ${rating} is outside ${spec.min}-${spec.max}`, text(start, end));
    const m = spec.movieIndex(movieId);
    if (m < 0) throw new MovieLensFormatError(spec.file, line, `movie ${movieId} is not listed in ${spec.movieFile}`, text(start, end));
    const u = spec.userIndex(userId);
    if (u < 0) throw new MovieLensFormatError(spec.file, line, `user ${userId} is not listed in the users file`, text(start, end));
    out.push(u, m, rating, time);
  });
  return out;
}

/** Lines in the buffer (an upper bound on its ratings). */
function countLines(buf: Buffer): number {
  let n = 1;
  for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) n++;
  return n;
}
