import type { RandomStream } from '@prodsim/core';
import { dotAt, drawShiftAxes, meanSd, sameRank } from '@prodsim/media';

/**
 * A change of the hidden world model's readout (scenario action `truth-shift`): what users like
 * about an image's content and how harmful its content is, from then on. Same pictures, new
 * truth, nothing announced: like tallies, learned tastes and cached harm scores go stale.
 *
 * - taste: every content embedding e turns toward a seeded signed permutation of itself,
 *   e' = cos(a) e + sin(a) P e with a = taste x pi/2, so affinities (taste . e) change for every
 *   user and image, while similar images stay similar. taste = 1 is a full quarter turn.
 * - harm: the violation score blends toward a seeded linear readout of the content,
 *   s = cos(b) (v - m) / sd + sin(b) z with b = harm x pi/2, where z is the standardised
 *   projection of the embedding on a seeded direction and m, sd the mean and sd of the scores at
 *   the shift; the new score is the old score of the same rank (s's quantile among the images
 *   stored at the shift mapped onto their old scores). So the scores keep their distribution and
 *   the threshold stays: the same share of images is harmful, not the same images.
 */
export interface ReadoutShift {
  readonly perm: Int32Array;
  readonly sign: Float32Array;
  readonly cosTaste: number;
  readonly sinTaste: number;
  /** Unit direction of the new harm readout; z = (dir . e - zMean) / zSd. */
  readonly dir: Float32Array;
  readonly zMean: number;
  readonly zSd: number;
  readonly cosHarm: number;
  readonly sinHarm: number;
  readonly vMean: number;
  readonly vSd: number;
  /** The blended scores of the images stored at the shift, and their old scores, both sorted. */
  readonly blended: Float64Array;
  readonly scores: Float64Array;
}

/**
 * Draws a shift from `rng`, standardising its harm readout on the `rows` embeddings and scores
 * stored so far (row-major, `dim` wide), so the scores keep their spread.
 */
export function drawReadoutShift(
  rng: RandomStream,
  dim: number,
  strength: { taste: number; harm: number },
  embeddings: Float32Array,
  violation: Float32Array,
  rows: number,
): ReadoutShift {
  const { perm, sign, dir } = drawShiftAxes(rng, dim);
  const z = new Float64Array(rows);
  for (let i = 0; i < rows; i++) z[i] = dotAt(dir, embeddings, i * dim);
  const zs = meanSd(z);
  const vs = meanSd(violation.subarray(0, rows));
  const a = (strength.taste * Math.PI) / 2;
  const b = (strength.harm * Math.PI) / 2;
  const blended = new Float64Array(rows);
  for (let i = 0; i < rows; i++) blended[i] = Math.cos(b) * ((violation[i] - vs.mean) / vs.sd) + Math.sin(b) * ((z[i] - zs.mean) / zs.sd);
  return {
    blended: blended.sort(),
    scores: Float64Array.from(violation.subarray(0, rows)).sort(),
    perm,
    sign,
    cosTaste: Math.cos(a),
    sinTaste: Math.sin(a),
    dir,
    zMean: zs.mean,
    zSd: zs.sd,
    cosHarm: Math.cos(b),
    sinHarm: Math.sin(b),
    vMean: vs.mean,
    vSd: vs.sd,
  };
}

/**
 * Applies a shift to one row in place (`scratch` holds dim numbers) and returns the new violation
 * score. The harm readout reads the content before the taste turn.
 */
export function applyReadoutShift(shift: ReadoutShift, embeddings: Float32Array, offset: number, violation: number, scratch: Float32Array): number {
  const dim = shift.perm.length;
  const z = (dotAt(shift.dir, embeddings, offset) - shift.zMean) / shift.zSd;
  for (let d = 0; d < dim; d++) scratch[d] = embeddings[offset + d];
  for (let d = 0; d < dim; d++) embeddings[offset + d] = shift.cosTaste * scratch[d] + shift.sinTaste * shift.sign[d] * scratch[shift.perm[d]];
  if (shift.sinHarm === 0 || shift.scores.length === 0) return violation; // harm 0: the readout stays, exactly
  return sameRank(shift.cosHarm * ((violation - shift.vMean) / shift.vSd) + shift.sinHarm * z, shift.blended, shift.scores);
}
