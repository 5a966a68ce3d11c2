import { RngStreams } from '@prodsim/core';

export interface BenchMessage {
  key: string;
  value: string;
}

/**
 * `n` movie-stream-like lines (`<time>,<user>,GET /data/m/<movie>/<minute>.mpg`, about 70 bytes),
 * keyed by user id, from a fixed seed: every run and every client sends the same bytes.
 */
export function movieLines(n: number, users = 100_000): BenchMessage[] {
  const rng = new RngStreams('transport-bench').stream('lines');
  const titles = ['the+apartment+1960', 'rashomon+1950', 'paths+of+glory+1957', 'goyas+ghosts+2006', 'narc+2002', 'heat+1995', 'alien+1979'];
  const out: BenchMessage[] = new Array(n);
  let t = Date.UTC(2026, 0, 5);
  for (let i = 0; i < n; i++) {
    t += rng.int(3) * 1000;
    const user = String(rng.int(users));
    const movie = titles[rng.int(titles.length)];
    out[i] = { key: user, value: `${new Date(t).toISOString().slice(0, 19)},${user},GET /data/m/${movie}/${rng.int(120)}.mpg` };
  }
  return out;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
