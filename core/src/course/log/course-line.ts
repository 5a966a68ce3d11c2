/**
 * The course's stream lines as course staff read them (the wire contract, MLIP-CONTRACT.md):
 *   <time>,<user>,recommendation request <server>, status <code>, result: <ids or error>, <n> ms
 *   <time>,<user>,GET /data/m/<movie>/<minute>.mpg
 *   <time>,<user>,GET /rate/<movie>=<rating>
 * Grading and the staff dashboard read only these, as the course's own scripts do.
 */
export type CourseLine =
  | { kind: 'recommendation'; time: number; user: string; server: string; status: number; ids: string[]; error: string | undefined; latencyMs: number }
  | { kind: 'watch'; time: number; user: string; movie: string; minute: number }
  | { kind: 'rate'; time: number; user: string; movie: string }
  | { kind: 'other'; time: number };

const RECOMMENDATION = /^([0-9T:.-]+),(\d+),recommendation request (\S+), status (\d+), result: (.*), (\d+) ms$/;
const WATCH = /^([0-9T:.-]+),(\d+),GET \/data\/m(?:ovie)?\/([^/\s]+)\/(\d+)\.mpg/;
const RATE = /^([0-9T:.-]+),(\d+),GET \/rate\/([^=\s]+)=\d+/;

/** The time of a line (ISO local time without zone, read as UTC); NaN when it has none. */
export function lineTime(text: string): number {
  return Date.parse(`${text.slice(0, text.indexOf(','))}Z`);
}

/** Reads one line; anything that is not a well-formed contract line is `other` (still timed when it can be). */
export function parseCourseLine(text: string): CourseLine | undefined {
  let m = WATCH.exec(text);
  if (m) return { kind: 'watch', time: Date.parse(`${m[1]}Z`), user: m[2], movie: m[3], minute: Number(m[4]) };
  m = RECOMMENDATION.exec(text);
  if (m) {
    const status = Number(m[4]);
    const ok = status === 200;
    const ids = ok && m[5].trim() !== '' ? m[5].split(', ').map((id) => id.trim()) : [];
    return {
      kind: 'recommendation',
      time: Date.parse(`${m[1]}Z`),
      user: m[2],
      server: m[3],
      status,
      ids,
      error: ok ? undefined : m[5],
      latencyMs: Number(m[6]),
    };
  }
  m = RATE.exec(text);
  if (m) return { kind: 'rate', time: Date.parse(`${m[1]}Z`), user: m[2], movie: m[3] };
  const time = lineTime(text);
  return Number.isFinite(time) ? { kind: 'other', time } : undefined;
}
