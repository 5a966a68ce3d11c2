/**
 * Online logistic regression (SGD with L2), over a fixed-length feature vector plus extras and a
 * bias. Small and fast: one update per labelled example from the stream.
 */
export class Logistic {
  readonly w: Float64Array;
  examples = 0;
  positives = 0;

  constructor(
    readonly dim: number,
    private readonly rate = 0.05,
    private readonly l2 = 1e-4,
  ) {
    this.w = new Float64Array(dim + 1);
  }

  logit(x: ArrayLike<number>): number {
    let s = this.w[this.dim];
    for (let i = 0; i < this.dim; i++) s += this.w[i] * x[i];
    return s;
  }

  predict(x: ArrayLike<number>): number {
    return 1 / (1 + Math.exp(-this.logit(x)));
  }

  /** One SGD step on (x, y), y in {0, 1}; `weight` scales the step (e.g. to balance rare positives). */
  learn(x: ArrayLike<number>, y: number, weight = 1): void {
    const g = (this.predict(x) - y) * this.rate * weight;
    for (let i = 0; i < this.dim; i++) this.w[i] -= g * x[i] + this.rate * this.l2 * this.w[i];
    this.w[this.dim] -= g;
    this.examples++;
    if (y > 0.5) this.positives++;
  }
}
