import type { RunProgress } from '../scheduler/scheduler.js';

/** One self-overwriting status line on a TTY: simulated time, share done, events and rate. */
export class ProgressBar {
  private lastLength = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly start: number,
    private readonly end: number,
    private readonly eventsSoFar: () => number,
  ) {}

  update(progress: RunProgress): void {
    const share = Math.min(1, Math.max(0, (progress.now - this.start) / (this.end - this.start || 1)));
    const width = 24;
    const filled = Math.round(share * width);
    const events = this.eventsSoFar();
    const rate = progress.wallMs > 0 ? (events * 1000) / progress.wallMs : 0;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${new Date(progress.now).toISOString().slice(0, 16).replace('T', ' ')}  ${compact(events)} events  ${compact(rate)}/s`;
    this.stream.write(`\r${line.padEnd(this.lastLength)}`);
    this.lastLength = line.length;
  }

  clear(): void {
    if (this.lastLength > 0) this.stream.write(`\r${' '.repeat(this.lastLength)}\r`);
    this.lastLength = 0;
  }
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}
