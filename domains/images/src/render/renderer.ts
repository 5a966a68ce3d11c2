import type { RandomStream } from '@prodsim/core';
import sharp from 'sharp';
import { FILTER_MATRICES, isClean, type Effects } from './effects.js';

/**
 * PNG settings fixed so that the same pixels always give the same bytes: a fixed zlib level, one
 * fixed row filter (adaptive filtering off), no palette quantisation, no metadata. Level 1: a
 * 64x64 scene compresses nearly as well as at 6, and encoding is the cheaper half of a render.
 */
const PNG_OPTIONS = { compressionLevel: 1, adaptiveFiltering: false, palette: false, progressive: false } as const;

/**
 * Renders scenes with sharp (librsvg for the SVG, libvips for effects, libpng for encoding):
 * `raw` gives the clean RGB pixels (the ground truth's input), `encode` the PNG the app serves.
 */
export class ImageRenderer {
  constructor(readonly size: number) {
    // libvips' operation cache only helps when the same input comes again; every scene is new,
    // and the bookkeeping costs about 5% of a render.
    sharp.cache(false);
  }

  /** The clean scene as 8-bit RGB, size x size x 3. */
  async raw(svg: string): Promise<Uint8Array> {
    const buf = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /**
   * Many scenes at once: laid out as tiles of one sprite sheet (nested SVG viewports at whole-pixel
   * offsets, which clip exactly), rasterised in one librsvg pass and cut apart. Parsing and setting
   * up a render per image costs more than drawing a 64x64 scene, so this about doubles the rate.
   * The same scenes in the same order always give the same pixels; against `raw` of one scene,
   * gradients and rotated patterns may differ by 1-2 levels in a few pixels (cairo's sampling
   * depends on the absolute position).
   */
  async rawMany(svgs: readonly string[]): Promise<Uint8Array[]> {
    const sheets: Promise<Uint8Array[]>[] = [];
    for (let i = 0; i < svgs.length; i += SHEET_TILES) sheets.push(this.sheet(svgs.slice(i, i + SHEET_TILES)));
    return (await Promise.all(sheets)).flat();
  }

  private async sheet(svgs: readonly string[]): Promise<Uint8Array[]> {
    const size = this.size;
    const cols = Math.min(SHEET_COLUMNS, svgs.length);
    const rows = Math.ceil(svgs.length / cols);
    const tiles = svgs.map((svg, k) => tile(svg, k, (k % cols) * size, Math.floor(k / cols) * size));
    const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * size}" height="${rows * size}">${tiles.join('')}</svg>`;
    const sheet = await sharp(Buffer.from(doc)).removeAlpha().raw().toBuffer();
    const stride = cols * size * 3;
    return svgs.map((_, k) => {
      const out = new Uint8Array(size * size * 3);
      const x0 = (k % cols) * size * 3;
      const y0 = Math.floor(k / cols) * size;
      for (let y = 0; y < size; y++) out.set(sheet.subarray((y0 + y) * stride + x0, (y0 + y) * stride + x0 + size * 3), y * size * 3);
      return out;
    });
  }

  /** The served PNG of clean pixels after `effects`; `rng` drives the perturbation noise. */
  async encode(clean: Uint8Array, effects: Effects, rng?: RandomStream): Promise<Uint8Array> {
    const size = this.size;
    const raw = { width: size, height: size, channels: 3 as const };
    let pixels = clean;
    if (effects.perturbation > 0 && rng) pixels = perturb(clean, size, effects.perturbation, rng);
    let input: Buffer = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    let inputRaw = raw;
    if (effects.resolution < 1) {
      // A low-resolution camera: shrink (averaging), then the app scales it back up (blocky, soft).
      const small = Math.max(4, Math.round(size * effects.resolution));
      input = await sharp(input, { raw }).resize(small, small, { kernel: 'cubic' }).raw().toBuffer();
      inputRaw = { width: small, height: small, channels: 3 };
    }
    let img = sharp(input, { raw: inputRaw });
    if (inputRaw.width !== size) img = img.resize(size, size, { kernel: 'nearest' });
    if (isClean(effects)) return toBytes(await img.png(PNG_OPTIONS).toBuffer());
    if (effects.perturbation > 0) img = img.modulate({ hue: Math.round(40 * effects.perturbation) }).flop(effects.perturbation >= 0.5);
    switch (effects.filter) {
      case 'none':
        break;
      case 'vivid':
        img = img.modulate({ saturation: 1.6 });
        break;
      case 'faded':
        img = img.linear(0.7, 40);
        break;
      default:
        img = img.recomb(FILTER_MATRICES[effects.filter] as [[number, number, number], [number, number, number], [number, number, number]]);
    }
    if (effects.brightness !== 1 || effects.contrast !== 1) {
      const a = effects.contrast * effects.brightness;
      img = img.linear(a, 128 * (1 - effects.contrast) * effects.brightness);
    }
    return toBytes(await img.removeAlpha().png(PNG_OPTIONS).toBuffer());
  }
}

const SHEET_COLUMNS = 8;
const SHEET_TILES = 16;

/** One scene as a tile of a sprite sheet: its root becomes a nested viewport, its ids made unique. */
function tile(svg: string, k: number, x: number, y: number): string {
  if (!svg.startsWith('<svg ')) throw new Error('a scene must be an SVG document starting with <svg');
  return svg
    .replace('<svg ', `<svg x="${x}" y="${y}" `)
    .replace(/\bid="([^"]+)"/g, `id="t${k}_$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#t${k}_$1)`)
    .replace(/href="#([^"]+)"/g, `href="#t${k}_$1"`);
}

/** Decodes a PNG to RGB (what a service does with `/image/:id.png`). */
export async function decodePng(png: Uint8Array): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * An adversarial perturbation: speckle noise and a faint diagonal dither over the image, strong
 * enough to move a pixel-level model's inputs, weak enough that people see the same picture.
 */
function perturb(clean: Uint8Array, size: number, strength: number, rng: RandomStream): Uint8Array {
  const out = new Uint8Array(clean.length);
  const amp = 70 * strength;
  const period = 3 + rng.int(5);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dither = ((x + y) % period === 0 ? 0.5 : -0.15) * amp;
      for (let c = 0; c < 3; c++) {
        const i = (y * size + x) * 3 + c;
        const v = clean[i] + dither + amp * (rng.next() - 0.5);
        out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
    }
  }
  return out;
}

function toBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
