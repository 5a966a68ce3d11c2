/**
 * Splits one CSV line (RFC 4180 quoting: "a, b" and doubled quotes), as ml-latest's movies.csv
 * writes titles with commas. Returns undefined for an unterminated quote.
 */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      if (i < n && line[i] !== ',') return undefined;
    } else {
      const c = line.indexOf(',', i);
      const stop = c < 0 ? n : c;
      out.push(line.slice(i, stop));
      i = stop;
    }
    if (i >= n) return out;
    i++; // the comma
    if (i === n) {
      out.push('');
      return out;
    }
  }
}
