import { setTimeout as sleepMs } from 'node:timers/promises';

/**
 * How simulated time relates to the wall clock. `virtual` runs as fast as possible; `paced` lets
 * simulated time advance `speed` simulated seconds per wall second (speed 1 = real time).
 * Wall time is injected so that tests can drive a paced run with a fake wall clock.
 */
export type ClockMode = 'virtual' | 'paced';

export interface WallClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemWallClock: WallClock = {
  now: () => performance.now(),
  sleep: (ms) => sleepMs(ms),
};

export interface ClockOptions {
  mode: ClockMode;
  /** Simulated ms per wall ms (paced mode only). */
  speed?: number;
  /** Simulated start time, ms since the Unix epoch (UTC). */
  startTime: number;
  wall?: WallClock;
}

export class Clock {
  readonly mode: ClockMode;
  readonly speed: number;
  readonly startTime: number;
  readonly wall: WallClock;
  private wallStart = NaN;

  constructor(options: ClockOptions) {
    this.mode = options.mode;
    this.speed = options.mode === 'paced' ? (options.speed ?? 1) : Infinity;
    this.startTime = options.startTime;
    this.wall = options.wall ?? systemWallClock;
  }

  get paced(): boolean {
    return this.mode === 'paced';
  }

  /**
   * Anchors simulated time `at` (default: the start) to the current wall time, when a run starts
   * or goes on after a pause (a checkpoint, a resumed run): time spent paused is not caught up.
   */
  anchor(at = this.startTime): void {
    this.wallStart = this.paced ? this.wall.now() - (at - this.startTime) / this.speed : this.wall.now();
  }

  /** The wall time (ms, in the wall clock's frame) at which simulated time `simTime` is due. */
  wallDue(simTime: number): number {
    return this.wallStart + (simTime - this.startTime) / this.speed;
  }
}
