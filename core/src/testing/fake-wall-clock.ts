import type { WallClock } from '../clock/clock.js';

/** A wall clock that tests move by hand: `sleep` advances it, `advance` simulates slow work. */
export class FakeWallClock implements WallClock {
  time = 0;
  sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
