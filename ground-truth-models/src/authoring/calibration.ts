import type { RandomStream } from '@prodsim/core';

/**
 * Helpers that turn a randomly weighted trunk into a calibrated "world": features standardised
 * over a calibration set, and hidden heads that read several independent directions of content
 * and spread over their range instead of saturating. All plain float64 arithmetic, so the result
 * is the same on every machine.
 */

/** Rows of an n x d matrix stored row-major. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export interface ColumnStats {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

export function columnStats(m: Matrix, minSd = 1e-6): ColumnStats {
  const mean = new Float64Array(m.cols);
  const sd = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) mean[c] += m.data[r * m.cols + c];
  for (let c = 0; c < m.cols; c++) mean[c] /= m.rows;
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      const d = m.data[r * m.cols + c] - mean[c];
      sd[c] += d * d;
    }
  }
  // A feature that never varies on the calibration set gets a floor instead of a division by 0.
  for (let c = 0; c < m.cols; c++) sd[c] = Math.max(Math.sqrt(sd[c] / Math.max(1, m.rows - 1)), minSd);
  return { mean, sd };
}

export function standardise(m: Matrix, stats: ColumnStats): Matrix {
  const out = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) out[r * m.cols + c] = (m.data[r * m.cols + c] - stats.mean[c]) / stats.sd[c];
  return { rows: m.rows, cols: m.cols, data: out };
}

export interface PrincipalAxes {
  /** k unit vectors of length d, row-major. */
  readonly axes: Float64Array;
  readonly variances: Float64Array;
  readonly k: number;
}

/**
 * The top-k principal axes of (already centred) rows by subspace iteration with a fixed number of
 * rounds and a seeded start, so it is deterministic; it needs a good basis of high-variance
 * directions, not converged eigenvectors.
 */
export function principalAxes(m: Matrix, k: number, rng: RandomStream, rounds = 60): PrincipalAxes {
  const d = m.cols;
  const cov = new Float64Array(d * d);
  for (let r = 0; r < m.rows; r++) {
    const o = r * d;
    for (let i = 0; i < d; i++) {
      const v = m.data[o + i];
      for (let j = 0; j < d; j++) cov[i * d + j] += v * m.data[o + j];
    }
  }
  for (let i = 0; i < cov.length; i++) cov[i] /= Math.max(1, m.rows - 1);
  let q = new Float64Array(k * d);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, k, d);
  for (let round = 0; round < rounds; round++) {
    const next = new Float64Array(k * d);
    for (let a = 0; a < k; a++)
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += cov[i * d + j] * q[a * d + j];
        next[a * d + i] = s;
      }
    orthonormalise(next, k, d);
    q = next;
  }
  const variances = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let i = 0; i < d; i++) {
      let ci = 0;
      for (let j = 0; j < d; j++) ci += cov[i * d + j] * q[a * d + j];
      s += q[a * d + i] * ci;
    }
    variances[a] = Math.max(s, 1e-12);
  }
  return { axes: q, variances, k };
}

/** Gram-Schmidt on k row vectors of length d, in place. */
function orthonormalise(q: Float64Array, k: number, d: number): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[a * d + i] * q[b * d + i];
      for (let i = 0; i < d; i++) q[a * d + i] -= dot * q[b * d + i];
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[a * d + i] * q[a * d + i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) q[a * d + i] /= norm;
  }
}

export interface LinearHead {
  /** [d, outputs] row-major, for Gemm's B. */
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

export interface HeadTarget {
  /** Mean of each logit over the calibration set. */
  readonly mean: number;
  /** Standard deviation of each logit over the calibration set. */
  readonly sd: number;
}

/**
 * A linear head over standardised features whose every output mixes the principal axes with
 * random weights (each axis whitened, so several independent content directions matter, not just
 * the dominant one), then is scaled and shifted so its logit has the target mean and spread on the
 * calibration set.
 */
export function designHead(z: Matrix, axes: PrincipalAxes, outputs: number, target: HeadTarget, rng: RandomStream): LinearHead {
  const d = z.cols;
  const w = new Float64Array(d * outputs);
  for (let o = 0; o < outputs; o++) {
    for (let a = 0; a < axes.k; a++) {
      const g = rng.normal() / Math.sqrt(axes.variances[a]);
      for (let i = 0; i < d; i++) w[i * outputs + o] += g * axes.axes[a * d + i];
    }
  }
  const weight = new Float32Array(d * outputs);
  const bias = new Float32Array(outputs);
  for (let o = 0; o < outputs; o++) {
    const logits = new Float64Array(z.rows);
    for (let r = 0; r < z.rows; r++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += z.data[r * d + i] * w[i * outputs + o];
      logits[r] = s;
    }
    const { mean, sd } = columnStats({ rows: z.rows, cols: 1, data: logits });
    const scale = target.sd / sd[0];
    for (let i = 0; i < d; i++) weight[i * outputs + o] = w[i * outputs + o] * scale;
    bias[o] = target.mean - mean[0] * scale;
  }
  return { weight, bias };
}
