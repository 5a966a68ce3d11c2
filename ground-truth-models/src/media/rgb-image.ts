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
    Number.isInteger(img.width) && img.width > 0 && Number.isInteger(img.height) && img.height > 0 && (channels === 3 || channels === 4) && img.data?.length === img.width * img.height * channels;
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
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = x + cropX;
      const sy = y + cropY;
      const inside = sx < sw && sy < sh;
      for (let c = 0; c < 3; c++) {
        const src = bgr ? 2 - c : c;
        const v = inside ? (resized[(sy * sw + sx) * 3 + src] * scale - mean[c]) / std[c] : pad;
        target[offset + (nchw ? c * H * W + y * W + x : (y * W + x) * 3 + c)] = v;
      }
    }
  }
  return target;
}

/** Resamples to w x h RGB floats (0..255, interleaved) with a separable antialiased triangle filter. */
export function resample(img: RgbImage, w: number, h: number): Float32Array {
  const channels = img.channels ?? 3;
  const rgb = new Float32Array(img.width * img.height * 3);
  for (let i = 0, p = 0; i < img.width * img.height; i++, p += channels) {
    rgb[i * 3] = img.data[p];
    rgb[i * 3 + 1] = img.data[p + 1];
    rgb[i * 3 + 2] = img.data[p + 2];
  }
  if (w === img.width && h === img.height) return rgb;
  const horizontal = resampleAxis(rgb, img.width, img.height, w, true);
  return resampleAxis(horizontal, w, img.height, h, false);
}

function resampleAxis(src: Float32Array, w: number, h: number, n: number, alongX: boolean): Float32Array {
  const inLen = alongX ? w : h;
  const outW = alongX ? n : w;
  const outH = alongX ? h : n;
  const out = new Float32Array(outW * outH * 3);
  const scale = inLen / n;
  // Widen the filter when shrinking so every input pixel contributes (antialiasing).
  const support = Math.max(1, scale);
  for (let o = 0; o < n; o++) {
    const centre = (o + 0.5) * scale - 0.5;
    const lo = Math.max(0, Math.ceil(centre - support));
    const hi = Math.min(inLen - 1, Math.floor(centre + support));
    const weights: number[] = [];
    let total = 0;
    for (let i = lo; i <= hi; i++) {
      const wgt = Math.max(0, 1 - Math.abs(i - centre) / support);
      weights.push(wgt);
      total += wgt;
    }
    if (total === 0) {
      weights.fill(0);
      weights[Math.min(weights.length - 1, Math.max(0, Math.round(centre) - lo))] = 1;
      total = 1;
    }
    const lines = alongX ? h : w;
    for (let line = 0; line < lines; line++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < weights.length; k++) {
        const i = lo + k;
        const p = (alongX ? line * w + i : i * w + line) * 3;
        r += src[p] * weights[k];
        g += src[p + 1] * weights[k];
        b += src[p + 2] * weights[k];
      }
      const q = (alongX ? line * outW + o : o * outW + line) * 3;
      out[q] = r / total;
      out[q + 1] = g / total;
      out[q + 2] = b / total;
    }
  }
  return out;
}
