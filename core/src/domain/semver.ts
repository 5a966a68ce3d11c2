/**
 * Just enough semver for plugin compatibility: `^x.y.z`, `~x.y.z`, `>=x.y.z`, `x.y.z`, and `||`.
 * (0.x caret ranges pin the minor, as npm's do.)
 */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  if (!v) return false;
  return range.split('||').some((part) => {
    const r = part.trim();
    const m = /^(\^|~|>=)?\s*(\d+(?:\.\d+){0,2})$/.exec(r);
    if (!m) return false;
    const [op, text] = [m[1] ?? '=', m[2]];
    const base = parse(text)!;
    const cmp = compare(v, base);
    if (op === '>=') return cmp >= 0;
    if (op === '=') return cmp === 0;
    if (cmp < 0) return false;
    if (op === '~') return v[0] === base[0] && v[1] === base[1];
    if (base[0] > 0) return v[0] === base[0];
    if (base[1] > 0) return v[0] === 0 && v[1] === base[1];
    return v[0] === 0 && v[1] === 0 && v[2] === base[2];
  });
}

export function isValidRange(range: string): boolean {
  return range.split('||').every((part) => /^(\^|~|>=)?\s*\d+(?:\.\d+){0,2}$/.test(part.trim()));
}

function parse(text: string): [number, number, number] | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
