/**
 * Windowed-sinc resampling (Blackman window, 10 zero crossings each side, cut-off just below the
 * lower Nyquist frequency): brings espeak-ng's 22,050 Hz output to 16 kHz and simulates recording
 * devices with lower sample rates (down and back up again). The kernel is tabulated once per
 * call (256 points per zero crossing, linear interpolation): no trigonometry per tap.
 */
const ZEROS = 10;
const RESOLUTION = 256;

export function resampleAudio(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const outLength = Math.round(input.length * ratio);
  const out = new Float32Array(outLength);
  const cutoff = Math.min(1, ratio) * 0.95;
  const halfWidth = ZEROS / cutoff;
  const kernel = kernelTable();
  const scale = cutoff * RESOLUTION;
  const last = kernel.length - 2;
  for (let j = 0; j < outLength; j++) {
    const centre = j / ratio;
    const lo = Math.max(0, Math.ceil(centre - halfWidth));
    const hi = Math.min(input.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    let weights = 0;
    for (let i = lo; i <= hi; i++) {
      const u = Math.abs(i - centre) * scale;
      const k = u | 0;
      if (k > last) continue;
      const w = kernel[k] + (u - k) * (kernel[k + 1] - kernel[k]);
      sum += input[i] * w;
      weights += w;
    }
    out[j] = weights !== 0 ? sum / weights : 0;
  }
  return out;
}

/** sinc(u) * blackman(u / ZEROS) for u = 0 .. ZEROS in steps of 1/RESOLUTION. */
function kernelTable(): Float64Array {
  const n = ZEROS * RESOLUTION + 2;
  const table = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = k / RESOLUTION;
    const s = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const t = (u / ZEROS + 1) / 2;
    const w = u >= ZEROS ? 0 : 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
    table[k] = s * w;
  }
  return table;
}
