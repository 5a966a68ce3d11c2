import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';

/**
 * A decoded image: 8-bit pixels, row-major, interleaved channels (RGB, or RGBA whose alpha is
 * ignored). This is what `sharp(...).raw().toBuffer({ resolveWithObject: true })` gives.
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** 3 (RGB) or 4 (RGBA); 3 if omitted. */
  readonly channels?: 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** How an image is fitted to the model's input size. */
export type ResizePolicy =
  /** Scale both axes independently to the target (aspect ratio changes). */
  | 'stretch'
  /** Scale to cover the target keeping the aspect ratio, then cut the centre. */
  | 'center-crop'
  /** Scale to fit inside keeping the aspect ratio, pad the rest with `padValue` (top-left aligned). */
  | 'letterbox';

export interface ImageTensorOptions {
  readonly width: number;
  readonly height: number;
  readonly layout?: 'NCHW' | 'NHWC';
  readonly channelOrder?: 'RGB' | 'BGR';
  readonly resize?: ResizePolicy;
  /** Pixel values are multiplied by this first (1/255 maps 0..255 to 0..1). */
  readonly scale?: number;
  /** Then per-channel (in the output channel order) (v - mean) / std. */
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
  /** Value (after normalisation) of letterbox padding; 0 by default. */
  readonly padValue?: number;
}

export function validateImage(img: RgbImage, what = 'image'): void {
  const channels = img.channels ?? 3;
  const ok =
    Number.isInteger(img.width) &&
    img.width > 0 &&
    Number.isInteger(img.height) &&
    img.height > 0 &&
    (channels === 3 || channels === 4) &&
    img.data?.length === img.width * img.height * channels;
  if (!ok) {
    throw new GroundTruthError(
      GroundTruthErrorCodes.INPUT_INVALID,
      `${what}: expected width x height x channels (3 or 4) bytes, got ${img.width}x${img.height}x${channels} with ${img.data?.length ?? 'no'} bytes`,
    );
  }
}

/**
 * Writes one image into `out` at `offset` (floats for one item of the batch) after resizing and
 * normalising it. Resizing uses an antialiased triangle filter, so a large photo shrunk to 64x64
 * averages its pixels instead of aliasing.
 */
export function imageToTensor(img: RgbImage, o: ImageTensorOptions, out?: Float32Array, offset = 0): Float32Array {
  validateImage(img);
  const { width: W, height: H } = o;
  const target = out ?? new Float32Array(3 * W * H);
  const policy = o.resize ?? 'stretch';
  let sw = W;
  let sh = H;
  let cropX = 0;
  let cropY = 0;
  if (policy === 'center-crop' || policy === 'letterbox') {
    const f = policy === 'center-crop' ? Math.max(W / img.width, H / img.height) : Math.min(W / img.width, H / img.height);
    sw = Math.max(1, Math.round(img.width * f));
    sh = Math.max(1, Math.round(img.height * f));
    if (policy === 'center-crop') {
      cropX = Math.floor((sw - W) / 2);
      cropY = Math.floor((sh - H) / 2);
    }
  }
  const resized = resample(img, sw, sh);
  const scale = o.scale ?? 1 / 255;
  const mean = o.mean ?? [0, 0, 0];
  const std = o.std ?? [1, 1, 1];
  const bgr = o.channelOrder === 'BGR';
  const nchw = (o.layout ?? 'NCHW') === 'NCHW';
  const pad = o.padValue ?? 0;
  for (let c = 0; c < 3; c++) {
    // (v * scale - mean) / std as one multiply-add per value.
    const a = scale / std[c];
    const b = -mean[c] / std[c];
    const src = bgr ? 2 - c : c;
    const plane = offset + c * H * W;
    // Where (x, y) goes: plane + y W + x (NCHW) or offset + (y W + x) 3 + c (NHWC).
    const stride = nchw ? 1 : 3;
    for (let y = 0; y < H; y++) {
      const sy = y + cropY;
      const row = (sy * sw + cropX) * 3 + src;
      const rowInside = sy < sh;
      const dst = nchw ? plane + y * W : offset + y * W * 3 + c;
      for (let x = 0; x < W; x++) target[dst + x * stride] = rowInside && x + cropX < sw ? resized[row + x * 3] * a + b : pad;
    }
  }
  return target;
}

/** Resamples to w x h RGB floats (0..255, interleaved) with a separable antialiased triangle filter. */
export function resample(img: RgbImage, w: number, h: number): Float32Array {
  const channels = img.channels ?? 3;
  // new Float32Array(bytes) converts like Float32Array.from(bytes), without the iterator protocol.
  if (w === img.width && h === img.height && channels === 3) return new Float32Array(img.data);
  // Horizontal pass straight from the 8-bit source (dropping alpha), then the vertical pass.
  const hx = filterTable(img.width, w);
  const mid = new Float32Array(w * img.height * 3);
  for (let y = 0; y < img.height; y++) {
    const srcRow = y * img.width * channels;
    const dstRow = y * w * 3;
    for (let o = 0; o < w; o++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = hx.start[o], end = hx.start[o + 1]; k < end; k++) {
        const p = srcRow + hx.index[k] * channels;
        const wgt = hx.weight[k];
        r += img.data[p] * wgt;
        g += img.data[p + 1] * wgt;
        b += img.data[p + 2] * wgt;
      }
      mid[dstRow + o * 3] = r;
      mid[dstRow + o * 3 + 1] = g;
      mid[dstRow + o * 3 + 2] = b;
    }
  }
  if (h === img.height) return mid;
  const vy = filterTable(img.height, h);
  const out = new Float32Array(w * h * 3);
  const rowLen = w * 3;
  for (let o = 0; o < h; o++) {
    const dst = o * rowLen;
    for (let k = vy.start[o], end = vy.start[o + 1]; k < end; k++) {
      const src = vy.index[k] * rowLen;
      const wgt = vy.weight[k];
      for (let i = 0; i < rowLen; i++) out[dst + i] += mid[src + i] * wgt;
    }
  }
  return out;
}

interface FilterTable {
  /** Taps of output i are start[i] .. start[i+1]-1. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float32Array;
}

/** Normalised triangle-filter taps for resampling n inputs to m outputs (widened when shrinking: antialiasing). */
function filterTable(n: number, m: number): FilterTable {
  const scale = n / m;
  const support = Math.max(1, scale);
  const start = new Int32Array(m + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < m; o++) {
    start[o] = index.length;
    const centre = (o + 0.5) * scale - 0.5;
    const lo = Math.max(0, Math.ceil(centre - support));
    const hi = Math.min(n - 1, Math.floor(centre + support));
    let total = 0;
    const first = weight.length;
    for (let i = lo; i <= hi; i++) {
      const wgt = Math.max(0, 1 - Math.abs(i - centre) / support);
      if (wgt === 0) continue;
      index.push(i);
      weight.push(wgt);
      total += wgt;
    }
    if (total === 0) {
      // Exactly between taps at an edge: take the nearest pixel.
      index.push(Math.min(n - 1, Math.max(0, Math.round(centre))));
      weight.push(1);
      total = 1;
    }
    for (let k = first; k < weight.length; k++) weight[k] /= total;
  }
  start[m] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}
