/**
 * Small linear models trained in full batches (a few thousand examples at most): features are
 * standardised with the training set's mean and spread, then gradient descent with L2.
 */
export class Standardiser {
  readonly mean: Float64Array;
  readonly scale: Float64Array;

  constructor(rows: readonly Float64Array[]) {
    const d = rows[0]?.length ?? 0;
    this.mean = new Float64Array(d);
    this.scale = new Float64Array(d).fill(1);
    if (rows.length === 0) return;
    for (const r of rows) for (let j = 0; j < d; j++) this.mean[j] += r[j] / rows.length;
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (const r of rows) v += (r[j] - this.mean[j]) ** 2;
      const s = Math.sqrt(v / rows.length);
      this.scale[j] = s > 1e-9 ? s : 1;
    }
  }

  apply(x: Float64Array): Float64Array {
    const out = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) out[j] = (x[j] - this.mean[j]) / this.scale[j];
    return out;
  }
}

/** Multinomial logistic regression (softmax), for the classify labels. */
export class SoftmaxRegression {
  private weights: Float64Array[] = [];
  private std: Standardiser | undefined;

  constructor(readonly classes: number) {}

  get trained(): boolean {
    return this.std !== undefined;
  }

  fit(xs: readonly Float64Array[], ys: readonly number[], epochs = 300, rate = 0.2, l2 = 1e-3): void {
    if (xs.length === 0) return;
    const std = new Standardiser(xs);
    const data = xs.map((x) => std.apply(x));
    const d = data[0].length + 1;
    const w = Array.from({ length: this.classes }, () => new Float64Array(d));
    const grad = Array.from({ length: this.classes }, () => new Float64Array(d));
    const p = new Float64Array(this.classes);
    for (let e = 0; e < epochs; e++) {
      for (const g of grad) g.fill(0);
      for (let i = 0; i < data.length; i++) {
        probabilities(w, data[i], p);
        for (let c = 0; c < this.classes; c++) {
          const err = p[c] - (ys[i] === c ? 1 : 0);
          const g = grad[c];
          for (let j = 0; j < d - 1; j++) g[j] += err * data[i][j];
          g[d - 1] += err;
        }
      }
      for (let c = 0; c < this.classes; c++) for (let j = 0; j < d; j++) w[c][j] -= rate * (grad[c][j] / data.length + l2 * w[c][j]);
    }
    this.weights = w;
    this.std = std;
  }

  predict(x: Float64Array): Float64Array {
    const p = new Float64Array(this.classes);
    if (!this.std) return p.fill(1 / this.classes);
    probabilities(this.weights, this.std.apply(x), p);
    return p;
  }
}

/** Logistic regression on rates: each example a feature row, a success share and a weight. */
export class RateRegression {
  private w = new Float64Array(0);
  private std: Standardiser | undefined;

  get trained(): boolean {
    return this.std !== undefined;
  }

  fit(xs: readonly Float64Array[], rates: readonly number[], weights: readonly number[], epochs = 300, rate = 0.3, l2 = 1e-3): void {
    if (xs.length === 0) return;
    const std = new Standardiser(xs);
    const data = xs.map((x) => std.apply(x));
    const d = data[0].length + 1;
    const w = new Float64Array(d);
    const g = new Float64Array(d);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let e = 0; e < epochs; e++) {
      g.fill(0);
      for (let i = 0; i < data.length; i++) {
        const err = (sigmoid(dot(w, data[i])) - rates[i]) * weights[i];
        for (let j = 0; j < d - 1; j++) g[j] += err * data[i][j];
        g[d - 1] += err;
      }
      for (let j = 0; j < d; j++) w[j] -= rate * (g[j] / total + l2 * w[j]);
    }
    this.w = w;
    this.std = std;
  }

  predict(x: Float64Array): number {
    return this.std ? sigmoid(dot(this.w, this.std.apply(x))) : 0.5;
  }
}

function dot(w: Float64Array, x: Float64Array): number {
  let s = w[x.length];
  for (let j = 0; j < x.length; j++) s += w[j] * x[j];
  return s;
}

function probabilities(w: Float64Array[], x: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < w.length; c++) max = Math.max(max, (out[c] = dot(w[c], x)));
  let sum = 0;
  for (let c = 0; c < w.length; c++) sum += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < w.length; c++) out[c] /= sum;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
