/** `#rrggbb` for hue (turns, wraps), saturation and lightness in 0..1. */
export function hsl(h: number, s: number, l: number): string {
  h = h - Math.floor(h);
  s = clamp01(s);
  l = clamp01(l);
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

function hex(v: number): string {
  const n = Math.round(clamp01(v) * 255);
  return n < 16 ? `0${n.toString(16)}` : n.toString(16);
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : Math.min(v, 1);
}
