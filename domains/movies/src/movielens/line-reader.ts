/**
 * Iterates the lines of a file held in a Buffer without decoding it: MovieLens ratings files run
 * to tens of millions of lines, so numbers are parsed from bytes and only text fields decoded.
 * Calls `fn(start, end, lineNumber)` for each line (end excludes `\n` and a trailing `\r`),
 * skipping empty lines.
 */
export function forEachLine(buf: Buffer, fn: (start: number, end: number, line: number) => void): void {
  let pos = 0;
  let line = 0;
  const n = buf.length;
  while (pos < n) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0) nl = n;
    line++;
    let end = nl;
    if (end > pos && buf[end - 1] === 13) end--;
    if (end > pos) fn(pos, end, line);
    pos = nl + 1;
  }
}

/** A cursor over one line's bytes for numeric fields and separators. */
export class ByteCursor {
  pos = 0;
  end = 0;
  constructor(readonly buf: Buffer) {}

  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  /** A non-negative integer, or NaN if there is none here. */
  int(): number {
    const buf = this.buf;
    let p = this.pos;
    let v = 0;
    const from = p;
    while (p < this.end) {
      const c = buf[p];
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      p++;
    }
    this.pos = p;
    return p === from ? NaN : v;
  }

  /** A decimal such as `4`, `4.0` or `3.5`, or NaN. */
  decimal(): number {
    const whole = this.int();
    if (Number.isNaN(whole)) return NaN;
    if (this.pos < this.end && this.buf[this.pos] === 46) {
      this.pos++;
      let scale = 0.1;
      let frac = 0;
      const from = this.pos;
      while (this.pos < this.end) {
        const c = this.buf[this.pos];
        if (c < 48 || c > 57) break;
        frac += (c - 48) * scale;
        scale /= 10;
        this.pos++;
      }
      if (this.pos === from) return NaN;
      return whole + frac;
    }
    return whole;
  }

  /** Consumes the separator bytes, or returns false. */
  sep(bytes: readonly number[]): boolean {
    if (this.pos + bytes.length > this.end) return false;
    for (let i = 0; i < bytes.length; i++) if (this.buf[this.pos + i] !== bytes[i]) return false;
    this.pos += bytes.length;
    return true;
  }

  get atEnd(): boolean {
    return this.pos === this.end;
  }
}
