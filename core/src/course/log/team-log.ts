import { parseCourseLine, type CourseLine } from './course-line.js';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A watch this soon after a list, of a movie on it, counts as taken from the list. */
const UPTAKE_WITHIN_MS = 2 * HOUR_MS;
/** Most recommended movies per day compared from day to day. */
const TOP = 20;
/** Below this overlap of consecutive days' most recommended movies, the answers changed. */
const CHANGED_BELOW = 0.8;
const FAILURES_KEPT = 50;

/** One simulated hour of a team's requests. */
interface Bucket {
  hour: number;
  requests: number;
  ok: number;
  statuses: Map<number, number>;
  latencies: number[];
  /** Answered lists: how many answers, and to which users (a list given to one user only is personalised). */
  lists: Map<string, { answers: number; users: Set<string> }>;
  /** Answers per recommended movie. */
  recommended: Map<string, number>;
  taken: number;
}

export interface Failure {
  time: number;
  user: string;
  status: number;
  text: string;
  latencyMs: number;
}

/** What grading and the dashboard say about a team over a window of simulated time. */
export interface WindowFigures {
  from: number;
  to: number;
  requests: number;
  /** Status-200 answers. */
  ok: number;
  /** ok / requests (NaN without requests). */
  availability: number;
  statuses: Record<string, number>;
  latencyP50: number;
  latencyP95: number;
  latencyP99: number;
  /** Share of status-200 answers whose list went to no other user in the same hour. */
  personalised: number;
  /** Share of status-200 answers after which the user started a movie on the list within 2 hours. */
  uptake: number;
  /** Days whose most recommended movies differ from the day before's (overlap under 80%): model updates seen from outside. */
  answerChanges: number;
  days: number;
}

/** A team's stream as course staff see it: requests, answers and watches per simulated hour. */
export class TeamLog {
  lines = 0;
  unreadable = 0;
  first = Number.NaN;
  last = Number.NaN;
  readonly failures: Failure[] = [];
  private readonly buckets = new Map<number, Bucket>();
  private readonly lastList = new Map<string, { time: number; ids: Set<string>; bucket: Bucket; taken: boolean }>();

  constructor(readonly team: string) {}

  /** Reads one line of the team's stream (any other line is counted as unreadable, not fatal). */
  addText(text: string): void {
    const line = parseCourseLine(text);
    if (line === undefined) this.unreadable++;
    else this.add(line);
  }

  add(line: CourseLine): void {
    this.lines++;
    if (!Number.isFinite(line.time)) return;
    if (!(line.time >= this.first)) this.first = line.time;
    if (!(line.time <= this.last)) this.last = line.time;
    if (line.kind === 'recommendation') this.request(line);
    else if (line.kind === 'watch' && line.minute === 1) this.watchStarted(line.time, line.user, line.movie);
  }

  private bucket(time: number): Bucket {
    const hour = Math.floor(time / HOUR_MS) * HOUR_MS;
    let b = this.buckets.get(hour);
    if (!b) {
      b = { hour, requests: 0, ok: 0, statuses: new Map(), latencies: [], lists: new Map(), recommended: new Map(), taken: 0 };
      this.buckets.set(hour, b);
    }
    return b;
  }

  private request(line: Extract<CourseLine, { kind: 'recommendation' }>): void {
    const b = this.bucket(line.time);
    b.requests++;
    b.statuses.set(line.status, (b.statuses.get(line.status) ?? 0) + 1);
    b.latencies.push(line.latencyMs);
    if (line.status !== 200) {
      this.failures.push({ time: line.time, user: line.user, status: line.status, text: line.error ?? '', latencyMs: line.latencyMs });
      if (this.failures.length > FAILURES_KEPT) this.failures.shift();
      return;
    }
    b.ok++;
    const key = line.ids.join(',');
    let list = b.lists.get(key);
    if (!list) b.lists.set(key, (list = { answers: 0, users: new Set() }));
    list.answers++;
    list.users.add(line.user);
    for (const id of line.ids) b.recommended.set(id, (b.recommended.get(id) ?? 0) + 1);
    this.lastList.set(line.user, { time: line.time, ids: new Set(line.ids), bucket: b, taken: false });
  }

  private watchStarted(time: number, user: string, movie: string): void {
    const last = this.lastList.get(user);
    if (!last || last.taken || time - last.time > UPTAKE_WITHIN_MS || !last.ids.has(movie)) return;
    last.taken = true;
    last.bucket.taken++;
  }

  /** Figures over [from, to) (whole hours: a bucket counts when its hour starts in the window). */
  window(from: number, to: number): WindowFigures {
    const inWindow = [...this.buckets.values()].filter((b) => b.hour >= from && b.hour < to).sort((a, b) => a.hour - b.hour);
    let requests = 0;
    let ok = 0;
    let personalised = 0;
    let taken = 0;
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    for (const b of inWindow) {
      requests += b.requests;
      ok += b.ok;
      taken += b.taken;
      for (const [status, n] of b.statuses) statuses[status] = (statuses[status] ?? 0) + n;
      for (const l of b.latencies) latencies.push(l);
      for (const list of b.lists.values()) if (list.users.size === 1) personalised += list.answers;
    }
    latencies.sort((a, b) => a - b);
    const days = dailyTops(inWindow);
    let answerChanges = 0;
    for (let i = 1; i < days.length; i++) if (overlap(days[i - 1], days[i]) < CHANGED_BELOW) answerChanges++;
    return {
      from,
      to,
      requests,
      ok,
      availability: requests > 0 ? ok / requests : Number.NaN,
      statuses,
      latencyP50: quantile(latencies, 0.5),
      latencyP95: quantile(latencies, 0.95),
      latencyP99: quantile(latencies, 0.99),
      personalised: ok > 0 ? personalised / ok : Number.NaN,
      uptake: ok > 0 ? taken / ok : Number.NaN,
      answerChanges,
      days: days.length,
    };
  }

  /** Per-hour figures from `from` on, for history plots. */
  hourly(from = Number.NEGATIVE_INFINITY): WindowFigures[] {
    return [...this.buckets.keys()]
      .filter((h) => h >= from)
      .sort((a, b) => a - b)
      .map((h) => this.window(h, h + HOUR_MS));
  }
}

/** The most recommended movies of each simulated day that has answers, in day order. */
function dailyTops(buckets: readonly Bucket[]): Set<string>[] {
  const byDay = new Map<number, Map<string, number>>();
  for (const b of buckets) {
    const day = Math.floor(b.hour / DAY_MS);
    let counts = byDay.get(day);
    if (!counts) byDay.set(day, (counts = new Map()));
    for (const [id, n] of b.recommended) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return [...byDay.entries()]
    .filter(([, counts]) => counts.size > 0)
    .sort((a, b) => a[0] - b[0])
    .map(
      ([, counts]) =>
        new Set(
          [...counts.entries()]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, TOP)
            .map(([id]) => id),
        ),
    );
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const id of a) if (b.has(id)) shared++;
  return shared / Math.max(1, Math.max(a.size, b.size));
}

/** The q-quantile of sorted values (nearest rank); NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
