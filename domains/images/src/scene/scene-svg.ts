import type { RandomStream } from '@prodsim/core';
import { hsl } from './colour.js';
import { num, textPath, textWidth, WORDS } from './pixel-font.js';
import { STYLE } from './style.js';

export const BACKGROUNDS = ['solid', 'linear', 'radial', 'stripes', 'checker', 'dots', 'mosaic'] as const;
export const SHAPES = ['disc', 'box', 'triangle', 'star', 'ring', 'bar'] as const;

/** Scenes are drawn on a 64-unit square; the SVG's pixel size scales it. */
const U = 64;

/**
 * The SVG of one scene: a background, up to six shapes and perhaps a caption or a number, all
 * decided by the image's parameters `p` and its own random stream (positions, exact colours,
 * words). The same parameters and stream always give the same text, so the same pixels.
 */
export function sceneSvg(p: Float32Array, rng: RandomStream, size: number): string {
  const hue = p[STYLE.hue];
  const spread = p[STYLE.hueSpread];
  const sat = 0.15 + 0.85 * p[STYLE.saturation];
  const light = 0.15 + 0.7 * p[STYLE.lightness];
  const contrast = p[STYLE.contrast];
  const bg1 = hsl(hue, sat, light);
  const bg2 = hsl(hue + spread, sat * 0.9, light + (light > 0.5 ? -1 : 1) * (0.1 + 0.4 * contrast));
  const angle = p[STYLE.angle] * 180;
  const defs: string[] = [];
  const body: string[] = [];
  switch (BACKGROUNDS[band(p[STYLE.background], BACKGROUNDS.length)]) {
    case 'solid':
      body.push(`<rect width="${U}" height="${U}" fill="${bg1}"/>`);
      break;
    case 'linear':
      defs.push(
        `<linearGradient id="g" gradientTransform="rotate(${num(angle)} .5 .5)"><stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient>`,
      );
      body.push(`<rect width="${U}" height="${U}" fill="url(#g)"/>`);
      break;
    case 'radial':
      defs.push(
        `<radialGradient id="g" cx="${num(rng.uniform(0.2, 0.8))}" cy="${num(rng.uniform(0.2, 0.8))}" r="${num(rng.uniform(0.4, 0.9))}"><stop offset="0" stop-color="${bg2}"/><stop offset="1" stop-color="${bg1}"/></radialGradient>`,
      );
      body.push(`<rect width="${U}" height="${U}" fill="url(#g)"/>`);
      break;
    case 'stripes': {
      const w = 2 + Math.floor(rng.next() * 8);
      defs.push(
        `<pattern id="g" width="${w * 2}" height="${U}" patternUnits="userSpaceOnUse" patternTransform="rotate(${num(angle)})"><rect width="${w}" height="${U}" fill="${bg2}"/></pattern>`,
      );
      body.push(`<rect width="${U}" height="${U}" fill="${bg1}"/><rect width="${U}" height="${U}" fill="url(#g)"/>`);
      break;
    }
    case 'checker': {
      const w = 3 + Math.floor(rng.next() * 8);
      defs.push(
        `<pattern id="g" width="${w * 2}" height="${w * 2}" patternUnits="userSpaceOnUse"><rect width="${w}" height="${w}" fill="${bg2}"/><rect x="${w}" y="${w}" width="${w}" height="${w}" fill="${bg2}"/></pattern>`,
      );
      body.push(`<rect width="${U}" height="${U}" fill="${bg1}"/><rect width="${U}" height="${U}" fill="url(#g)"/>`);
      break;
    }
    case 'dots': {
      const w = 4 + Math.floor(rng.next() * 8);
      defs.push(
        `<pattern id="g" width="${w}" height="${w}" patternUnits="userSpaceOnUse"><circle cx="${num(w / 2)}" cy="${num(w / 2)}" r="${num(w * rng.uniform(0.15, 0.4))}" fill="${bg2}"/></pattern>`,
      );
      body.push(`<rect width="${U}" height="${U}" fill="${bg1}"/><rect width="${U}" height="${U}" fill="url(#g)"/>`);
      break;
    }
    case 'mosaic': {
      const n = 4 + Math.floor(rng.next() * 5);
      const c = U / n;
      body.push(`<rect width="${U}" height="${U}" fill="${bg1}"/>`);
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const o = rng.next();
          if (o > 0.35) body.push(`<rect x="${num(x * c)}" y="${num(y * c)}" width="${num(c)}" height="${num(c)}" fill="${bg2}" fill-opacity="${num(o)}"/>`);
        }
      }
      break;
    }
  }

  const shapes = Math.round(p[STYLE.shapeCount] * 6);
  const preferred = band(p[STYLE.shapeKind], SHAPES.length);
  for (let i = 0; i < shapes; i++) {
    const kind = SHAPES[rng.next() < 0.65 ? preferred : rng.int(SHAPES.length)];
    const r = (4 + 20 * p[STYLE.shapeSize]) * rng.uniform(0.6, 1.3);
    const x = rng.uniform(4, U - 4);
    const y = rng.uniform(4, U - 4);
    const colour = hsl(hue + 0.5 + spread * rng.uniform(-1, 1), sat, light > 0.5 ? light - 0.25 - 0.4 * contrast : light + 0.25 + 0.4 * contrast);
    const rot = num(rng.uniform(0, 360));
    const opacity = num(rng.uniform(0.7, 1));
    body.push(shape(kind, x, y, r, rot, colour, opacity));
  }

  if (rng.next() < p[STYLE.text]) {
    const digits = rng.next() < p[STYLE.digits];
    const text = digits ? String(rng.int(10 ** (1 + rng.int(4)))) : WORDS[rng.int(WORDS.length)];
    const cell = Math.max(1, Math.min(3, Math.floor((U - 4) / textWidth(text)), 1 + rng.int(3)));
    const w = textWidth(text) * cell;
    const x = rng.uniform(2, Math.max(2, U - 2 - w));
    const y = rng.uniform(2, U - 2 - 7 * cell);
    const ink = light > 0.5 ? '#111' : '#f4f4f4';
    body.push(`<path d="${textPath(text, x, y, cell)}" fill="${ink}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${U} ${U}">${defs.length ? `<defs>${defs.join('')}</defs>` : ''}${body.join('')}</svg>`;
}

function shape(kind: (typeof SHAPES)[number], x: number, y: number, r: number, rot: string, fill: string, opacity: string): string {
  const t = `transform="translate(${num(x)} ${num(y)}) rotate(${rot})" fill-opacity="${opacity}"`;
  switch (kind) {
    case 'disc':
      return `<circle r="${num(r)}" fill="${fill}" ${t}/>`;
    case 'box':
      return `<rect x="${num(-r)}" y="${num(-r * 0.7)}" width="${num(2 * r)}" height="${num(1.4 * r)}" fill="${fill}" ${t}/>`;
    case 'triangle':
      return `<polygon points="0,${num(-r)} ${num(r * 0.87)},${num(r / 2)} ${num(-r * 0.87)},${num(r / 2)}" fill="${fill}" ${t}/>`;
    case 'star': {
      const pts: string[] = [];
      for (let k = 0; k < 10; k++) {
        const a = (Math.PI * k) / 5;
        const rr = k % 2 === 0 ? r : r * 0.45;
        pts.push(`${num(rr * Math.sin(a))},${num(-rr * Math.cos(a))}`);
      }
      return `<polygon points="${pts.join(' ')}" fill="${fill}" ${t}/>`;
    }
    case 'ring':
      return `<circle r="${num(r * 0.75)}" fill="none" stroke="${fill}" stroke-width="${num(Math.max(1.5, r * 0.35))}" ${t}/>`;
    case 'bar':
      return `<rect x="${num(-r * 1.3)}" y="${num(-r * 0.18)}" width="${num(2.6 * r)}" height="${num(r * 0.36)}" fill="${fill}" ${t}/>`;
  }
}

/** Which of `n` bands a 0..1 parameter falls in. */
export function band(v: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(v * n)));
}
