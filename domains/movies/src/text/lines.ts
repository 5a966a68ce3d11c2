import { StampFormatter } from './time-format.js';

/**
 * The contract's line kinds, byte for byte:
 *   <time>,<userid>,GET /data/m/<movieid>/<minute>.mpg
 *   <time>,<userid>,GET /rate/<movieid>=<rating>
 *   <time>,<userid>,recommendation request <server>, status <code>, result: <recommendations>, <n> ms
 *   <time>,<userid>,GET /create_account
 */
/** The stream's format: the contract (v1), or a changed one a scenario step switched to. */
export type LineVariant = 'v1' | 'added-field' | 'renamed-path';
const DEVICES = ['web', 'ios', 'android', 'tv'];

export class LineEncoder {
  variant: LineVariant = 'v1';
  private readonly stamps = new StampFormatter();
  // A recommendation line's micro stamp must not disturb the cached whole-second stamp.
  private readonly microStamps = new StampFormatter();

  watch(time: number, userId: string, movieId: string, minute: number): string {
    if (this.variant !== 'v1') return this.changedWatch(time, userId, movieId, minute);
    return `${this.stamps.seconds(time)},${userId},GET /data/m/${movieId}/${minute}.mpg`;
  }

  private changedWatch(time: number, userId: string, movieId: string, minute: number): string {
    if (this.variant === 'renamed-path') return `${this.stamps.seconds(time)},${userId},GET /data/movie/${movieId}/${minute}.mpg`;
    return `${this.stamps.seconds(time)},${userId},GET /data/m/${movieId}/${minute}.mpg,${DEVICES[Number(userId) % DEVICES.length]}`;
  }

  rate(time: number, userId: string, movieId: string, rating: number): string {
    return `${this.stamps.seconds(time)},${userId},GET /rate/${movieId}=${rating}`;
  }

  createAccount(time: number, userId: string): string {
    return `${this.stamps.seconds(time)},${userId},GET /create_account`;
  }

  /** `result` is the ids joined by ", " on success, or the error text on failure. */
  recommendation(time: number, userId: string, server: string, status: number, result: string, latencyMs: number): string {
    return `${this.microStamps.micros(time)},${userId},recommendation request ${server}, status ${status}, result: ${result}, ${Math.round(latencyMs)} ms`;
  }
}

/** Regular expressions matching the real sample lines; for tests and for stream consumers. */
export const LINE_PATTERNS = {
  watch: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+,GET \/data\/m\/[a-z0-9_+.-]+\/\d+\.mpg$/,
  rate: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+,GET \/rate\/[a-z0-9_+.-]+=\d+$/,
  recommendation: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6},\d+,recommendation request \S+, status \d+, result: .*, \d+ ms$/,
  createAccount: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+,GET \/create_account$/,
} as const;
