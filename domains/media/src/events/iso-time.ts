const DAY_MS = 86_400_000;

/**
 * ISO-8601 UTC timestamps with milliseconds (`2026-01-05T13:44:14.123Z`) for event lines. The date
 * part is cached per day: `Date.toISOString` for every event costs more than the rest of a line.
 */
export class IsoTime {
  private day = NaN;
  private datePart = '';

  format(time: number): string {
    const day = Math.floor(time / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.datePart = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let ms = time - day * DAY_MS;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms = Math.floor(ms - s * 1000);
    return `${this.datePart}${two(h)}:${two(m)}:${two(s)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  }

  /** `2026-01-05`: the UTC date of a time. */
  date(time: number): string {
    this.format(time);
    return this.datePart.slice(0, 10);
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
