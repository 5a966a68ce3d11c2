/**
 * A service's own report of what an answer cost, read from its `Server-Timing` response header
 * (W3C Server Timing: `Server-Timing: cpu;dur=12.4, db;dur=3;desc="lookup"`). The world sums the
 * `cpu` metric only: other metrics are free to name waits or nested spans (`db`, `total`) whose
 * sum would count the same time twice. Several `cpu` entries in one answer (e.g. one per header
 * line) are added up. The figure is self-reported: the summary shows it as the service said it.
 */
export type ServerTiming = { ok: true; cpuMs: number | undefined } | { ok: false; error: string };

/** The metric whose `dur` the summary adds up, matched without regard to case. */
export const CPU_METRIC = 'cpu';

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const DUR = /^\d+(\.\d+)?$/;

/**
 * Reads the header's value (or values, one per header line). A header that breaks the syntax,
 * or a `cpu` metric without a plain non-negative `dur`, is rejected as a whole: reading part of
 * it could miscount.
 */
export function parseServerTiming(header: string | readonly string[]): ServerTiming {
  let cpuMs: number | undefined;
  for (const entry of splitOutsideQuotes(Array.isArray(header) ? header.join(',') : (header as string), ',')) {
    if (entry === undefined) return { ok: false, error: 'unterminated quoted string' };
    if (entry.trim() === '') continue; // empty list elements are allowed (`a, , b`)
    const [name, ...params] = splitOutsideQuotes(entry, ';').map((p) => p?.trim());
    if (!name || !TOKEN.test(name)) return { ok: false, error: `metric name ${JSON.stringify(clip(name ?? ''))} is not a token` };
    let dur: string | undefined;
    for (const param of params) {
      if (param === undefined || param === '') return { ok: false, error: `empty parameter in metric ${name}` };
      const eq = param.indexOf('=');
      const key = (eq < 0 ? param : param.slice(0, eq)).trim();
      const value = eq < 0 ? '' : param.slice(eq + 1).trim();
      if (!TOKEN.test(key)) return { ok: false, error: `parameter ${JSON.stringify(clip(key))} of metric ${name} is not a token` };
      if (eq >= 0 && !TOKEN.test(value) && !/^"([^"\\]|\\.)*"$/.test(value)) {
        return { ok: false, error: `parameter ${key} of metric ${name} has a value that is neither a token nor a quoted string` };
      }
      if (key.toLowerCase() === 'dur') dur = value;
    }
    if (name.toLowerCase() !== CPU_METRIC) continue;
    if (dur === undefined || !DUR.test(dur))
      return { ok: false, error: `metric ${name} needs dur=<non-negative milliseconds>, got ${JSON.stringify(clip(dur ?? ''))}` };
    cpuMs = (cpuMs ?? 0) + Number(dur);
  }
  return { ok: true, cpuMs };
}

/** Splits at `sep` outside double-quoted strings; an unterminated quote yields an undefined part. */
function splitOutsideQuotes(text: string, sep: string): (string | undefined)[] {
  const parts: (string | undefined)[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(quoted ? undefined : text.slice(start));
  return parts;
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}
