/**
 * One line of the movielog stream, parsed. The course's lines look like
 *
 *   2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg
 *   2022-10-06T01:31:18,230550,GET /rate/narc+2002=4
 *   2024-02-27T18:45:18.198010,145051,recommendation request host:8082, status 200, result: a+1950, b+1960, 140 ms
 *   2026-01-05T08:00:00,7,GET /create_account
 */
export type StreamLine =
  | { kind: 'watch'; time: string; user: string; movie: string; minute: number }
  | { kind: 'rate'; time: string; user: string; movie: string; rating: number }
  | { kind: 'recommendation'; time: string; user: string; status: number }
  | { kind: 'account'; time: string; user: string };

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/;
const USER = /^\d{1,12}$/;
const MOVIE = /^[a-z0-9_+.-]{1,300}$/;
const WATCH = /^GET \/data\/m\/([^/]+)\/(\d{1,5})\.mpg$/;
const RATE = /^GET \/rate\/([^=]+)=(\d{1,2})$/;
const RECOMMENDATION = /^recommendation request \S+, status (\d{1,3}), /;

/**
 * Parses one line, or returns undefined when it does not follow the contract. The course injects
 * malformed lines on purpose (missing fields, wrong types, changed formats): a consumer counts and
 * skips them instead of crashing or learning from garbage.
 */
export function parseLine(line: string): StreamLine | undefined {
  const first = line.indexOf(',');
  const second = first < 0 ? -1 : line.indexOf(',', first + 1);
  if (second < 0) return undefined;
  const time = line.slice(0, first);
  const user = line.slice(first + 1, second);
  const rest = line.slice(second + 1);
  if (!TIME.test(time) || !USER.test(user)) return undefined;

  let m = WATCH.exec(rest);
  if (m) return MOVIE.test(m[1]) ? { kind: 'watch', time, user, movie: m[1], minute: Number(m[2]) } : undefined;
  m = RATE.exec(rest);
  if (m) return MOVIE.test(m[1]) ? { kind: 'rate', time, user, movie: m[1], rating: Number(m[2]) } : undefined;
  m = RECOMMENDATION.exec(rest);
  if (m) return { kind: 'recommendation', time, user, status: Number(m[1]) };
  if (rest === 'GET /create_account') return { kind: 'account', time, user };
  return undefined;
}
