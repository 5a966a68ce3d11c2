/**
 * Ridge regression refitted from all labelled examples kept so far (a linear probability model).
 * For labels that arrive slowly (reports, reviews), a full refit beats one SGD pass: a few hundred
 * examples, a 200 x 200 system solved in a millisecond, every `refitEvery` new labels.
 */
export class Ridge {
  private readonly xs: Float32Array[] = [];
  private readonly ys: number[] = [];
  private readonly weights: number[] = [];
  private w: Float64Array;
  private sinceFit = 0;
  positives = 0;

  constructor(
    readonly dim: number,
    private readonly lambda = 1,
    private readonly refitEvery = 20,
  ) {
    this.w = new Float64Array(dim + 1);
  }

  get examples(): number {
    return this.ys.length;
  }

  add(x: ArrayLike<number>, y: number, weight = 1): void {
    this.xs.push(Float32Array.from(x));
    this.ys.push(y);
    this.weights.push(weight);
    if (y > 0.5) this.positives++;
    if (++this.sinceFit >= this.refitEvery) this.fit();
  }

  predict(x: ArrayLike<number>): number {
    let s = this.w[this.dim];
    for (let i = 0; i < this.dim; i++) s += this.w[i] * x[i];
    return s;
  }

  fit(): void {
    this.sinceFit = 0;
    const d = this.dim + 1;
    const a = new Float64Array(d * d);
    const b = new Float64Array(d);
    const row = new Float64Array(d);
    for (let k = 0; k < this.xs.length; k++) {
      const x = this.xs[k];
      const wt = this.weights[k];
      for (let i = 0; i < this.dim; i++) row[i] = x[i];
      row[this.dim] = 1;
      for (let i = 0; i < d; i++) {
        const ri = row[i] * wt;
        b[i] += ri * this.ys[k];
        for (let j = i; j < d; j++) a[i * d + j] += ri * row[j];
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) a[i * d + j] = a[j * d + i];
    for (let i = 0; i < this.dim; i++) a[i * d + i] += this.lambda;
    this.w = solve(a, b, d) ?? this.w;
  }
}

/** Solves a x = b (d x d, row-major) by Gaussian elimination with partial pivoting; undefined if singular. */
function solve(a: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[p * d + c])) p = r;
    if (Math.abs(a[p * d + c]) < 1e-12) return undefined;
    if (p !== c) {
      for (let k = 0; k < d; k++) [a[c * d + k], a[p * d + k]] = [a[p * d + k], a[c * d + k]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    for (let r = c + 1; r < d; r++) {
      const f = a[r * d + c] / a[c * d + c];
      if (f === 0) continue;
      for (let k = c; k < d; k++) a[r * d + k] -= f * a[c * d + k];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(d);
  for (let r = d - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < d; k++) s -= a[r * d + k] * x[k];
    x[r] = s / a[r * d + r];
  }
  return x;
}
