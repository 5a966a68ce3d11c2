import sharp from 'sharp';

/** Side of the downsampled image: 8 x 8 x RGB = 192 values, plus mean, contrast and 2 colour ratios. */
export const GRID = 8;
export const FEATURES = GRID * GRID * 3 + 4;

/**
 * Features of a PNG as a team could compute them without any model: the image shrunk to 8x8 with
 * an averaging filter (colours and layout), centred to -0.5..0.5, plus overall brightness,
 * contrast and two colour balances.
 */
export async function pixelFeatures(png: Uint8Array): Promise<Float32Array> {
  const small = await sharp(png).removeAlpha().resize(GRID, GRID, { kernel: 'cubic', fit: 'fill' }).raw().toBuffer();
  const f = new Float32Array(FEATURES);
  let sum = 0;
  let sq = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < GRID * GRID * 3; i++) {
    const v = small[i] / 255;
    f[i] = v - 0.5;
    sum += v;
    sq += v * v;
    if (i % 3 === 0) r += v;
    else if (i % 3 === 1) g += v;
    else b += v;
  }
  const n = GRID * GRID * 3;
  const mean = sum / n;
  f[n] = mean - 0.5;
  f[n + 1] = Math.sqrt(Math.max(0, sq / n - mean * mean));
  f[n + 2] = (r - g) / (GRID * GRID);
  f[n + 3] = (b - g) / (GRID * GRID);
  return f;
}
