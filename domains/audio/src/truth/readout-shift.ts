import type { RandomStream } from '@prodsim/core';
import { dotAt, drawShiftAxes, meanSd, sameRank } from '@prodsim/media';

/**
 * A change of the hidden world model's readout (scenario action `truth-shift`): what listeners
 * like about a clip's sound and how explicit it is, from then on. Same audio, new truth, nothing
 * announced: like tallies, learned tastes and cached embeddings or labels go stale. The images
 * world's shift (domains/images/src/truth/readout-shift.ts) works the same way.
 *
 * - taste: every clip embedding e turns about the mean embedding c of the clips stored at the
 *   shift, toward a seeded signed permutation: e' = c + cos(a) (e - c) + sin(a) P (e - c) with
 *   a = strength x pi/2, so affinities (taste . e) change for every listener and clip while
 *   similar clips stay similar. strength 1 is a full quarter turn. The audio embeddings share a
 *   large common part (|c|^2 is above the clips' variance); turning it too would change how much
 *   each listener likes every clip (in a small world the mean affinity went from -0.7 to +0.5),
 *   not which clips they like.
 * - explicit: the explicit score blends toward a seeded linear readout of the sound,
 *   s = cos(a) (x - m) / sd + sin(a) z, where z is the standardised projection of the embedding
 *   on a seeded direction and m, sd the mean and sd of the scores at the shift; the new score is
 *   the old score of the same rank among the clips stored at the shift. The scores keep their
 *   distribution and the world's threshold stays, so the same share of clips is explicit, not the
 *   same clips.
 *
 * Speech is not shifted: it says whether a clip has a voice in it (the VAD's reading of the
 * audio), which a new readout of the same sound cannot change.
 */
export interface ReadoutShift {
  readonly perm: Int32Array;
  readonly sign: Float32Array;
  readonly cos: number;
  readonly sin: number;
  /** The mean embedding at the shift, which the turn leaves in place. */
  readonly centre: Float32Array;
  /** Unit direction of the new explicit readout; z = (dir . e - zMean) / zSd. */
  readonly dir: Float32Array;
  readonly zMean: number;
  readonly zSd: number;
  readonly scoreMean: number;
  readonly scoreSd: number;
  /** The blended scores of the clips stored at the shift, and their old scores, both sorted. */
  readonly blended: Float64Array;
  readonly scores: Float64Array;
}

/**
 * Draws a shift of `strength` (0..1, 0 = none) from `rng`, standardising its explicit readout on
 * the `rows` embeddings (row-major, `dim` wide) and explicit scores stored so far.
 */
export function drawReadoutShift(rng: RandomStream, dim: number, strength: number, embeddings: Float32Array, scores: Float32Array, rows: number): ReadoutShift {
  const { perm, sign, dir } = drawShiftAxes(rng, dim);
  const centre = new Float32Array(dim);
  for (let i = 0; i < rows; i++) for (let d = 0; d < dim; d++) centre[d] += embeddings[i * dim + d] / rows;
  const z = new Float64Array(rows);
  for (let i = 0; i < rows; i++) z[i] = dotAt(dir, embeddings, i * dim);
  const zs = meanSd(z);
  const ss = meanSd(scores.subarray(0, rows));
  const a = (strength * Math.PI) / 2;
  const blended = new Float64Array(rows);
  for (let i = 0; i < rows; i++) blended[i] = Math.cos(a) * ((scores[i] - ss.mean) / ss.sd) + Math.sin(a) * ((z[i] - zs.mean) / zs.sd);
  return {
    perm,
    sign,
    cos: Math.cos(a),
    sin: Math.sin(a),
    centre,
    dir,
    zMean: zs.mean,
    zSd: zs.sd,
    scoreMean: ss.mean,
    scoreSd: ss.sd,
    blended: blended.sort(),
    scores: Float64Array.from(scores.subarray(0, rows)).sort(),
  };
}

/**
 * Applies a shift to one clip in place (`scratch` holds dim numbers) and returns its new explicit
 * score. The explicit readout reads the sound before the taste turn.
 */
export function applyReadoutShift(shift: ReadoutShift, embeddings: Float32Array, offset: number, score: number, scratch: Float32Array): number {
  if (shift.sin === 0) return score; // strength 0: the readout stays, exactly
  const dim = shift.perm.length;
  const z = (dotAt(shift.dir, embeddings, offset) - shift.zMean) / shift.zSd;
  const c = shift.centre;
  for (let d = 0; d < dim; d++) scratch[d] = embeddings[offset + d] - c[d];
  for (let d = 0; d < dim; d++) embeddings[offset + d] = c[d] + shift.cos * scratch[d] + shift.sin * shift.sign[d] * scratch[shift.perm[d]];
  if (shift.scores.length === 0) return score;
  return sameRank(shift.cos * ((score - shift.scoreMean) / shift.scoreSd) + shift.sin * z, shift.blended, shift.scores);
}
