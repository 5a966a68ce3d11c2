import { ConfigError } from '@prodsim/core';
import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import type { ModelRunner } from '../runtime/model-runner.js';
import { float32Tensor, type TensorData } from '../runtime/tensor.js';
import type { AudioAdapterSpec } from './adapter-spec.js';
import { parseAdapterSpec } from './adapter-spec.js';
import { checkInput, openAdapterModel, readAll, type AdapterOptions } from './image-adapter.js';
import { applyReadout, type Readouts } from './readout.js';

interface Pending {
  readonly clip: Float32Array;
  readonly resolve: (r: Readouts) => void;
  readonly reject: (e: Error) => void;
}

/**
 * A real pretrained audio model behind an adapter spec. Two shapes of model are supported:
 * whole-clip models (input [batch, samples]; readouts pooled over time), and streaming models
 * (`input.window` set): the clip runs window by window with `context` samples of the previous
 * window prepended and recurrent state carried from outputs back to inputs, like Silero VAD;
 * each readout is computed per window and combined over the clip (mean, max, or the series).
 * Clips of any length are processed as one batch (a clip leaves it after its last window).
 */
export class AudioAdapter {
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    readonly spec: AudioAdapterSpec,
    private readonly runner: ModelRunner,
    private readonly maxBatch: number,
    private readonly maxDelayMs: number,
  ) {}

  static async load(spec: unknown, options: AdapterOptions = {}): Promise<AudioAdapter> {
    const parsed = parseAdapterSpec(spec);
    if (parsed.kind !== 'audio') throw new ConfigError('kind', parsed.kind, '"audio" for an AudioAdapter');
    const { runner, inputs } = await openAdapterModel(
      parsed,
      options,
      parsed.state.map((s) => s.output),
    );
    try {
      checkInput(
        parsed,
        inputs,
        parsed.state.map((s) => s.input),
      );
    } catch (error) {
      await runner.close();
      throw error;
    }
    return new AudioAdapter(parsed, runner, options.maxBatch ?? 16, options.maxDelayMs ?? 2);
  }

  get streaming(): boolean {
    return this.spec.input.window !== undefined;
  }

  /** Readouts for one clip (16 kHz mono unless the spec says otherwise); cut to `input.maxSeconds`. */
  read(samples: Float32Array): Promise<Readouts> {
    if (this.closed) return Promise.reject(new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'audio adapter is closed'));
    let clip: Float32Array;
    try {
      clip = this.prepare(samples);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.streaming) return this.runner.infer({ [this.spec.input.name]: float32Tensor([clip.length], clip) }).then((out) => readAll(this.spec, out));
    return new Promise((resolve, reject) => {
      this.pending.push({ clip, resolve, reject });
      // No flush as soon as maxBatch have come: clips asked for together (a day's uploads) are
      // sorted by length as a whole, so that each batch holds clips of about one length.
      this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  readMany(clips: readonly Float32Array[]): Promise<Readouts[]> {
    return Promise.all(clips.map((c) => this.read(c)));
  }

  get stats() {
    return this.runner.stats;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    for (const p of this.pending.splice(0)) p.reject(new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'audio adapter closed'));
    await this.runner.close();
  }

  private prepare(samples: Float32Array): Float32Array {
    if (!(samples instanceof Float32Array))
      throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `adapter ${this.spec.name}: expected a Float32Array clip`);
    for (let i = 0; i < samples.length; i++) {
      if (!Number.isFinite(samples[i]))
        throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `adapter ${this.spec.name}: sample ${i} is ${samples[i]}`);
    }
    const max = Math.round(this.spec.input.maxSeconds * this.spec.input.sampleRate);
    const length = Math.max(1, Math.min(samples.length, max));
    const out = new Float32Array(length);
    out.set(samples.subarray(0, length));
    return out;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Clips of any length share a batch, longest first, so that the rows still running at any
    // step are the batch's first ones. (Batching only equal lengths ran a day's uploads, 2-10 s
    // in whole seconds, in batches of 1-2, at about three times the VAD's cost per clip.)
    const pending = this.pending.splice(0).sort((a, b) => b.clip.length - a.clip.length);
    for (let i = 0; i < pending.length; i += this.maxBatch) {
      const chunk = pending.slice(i, i + this.maxBatch);
      this.stream(chunk).then(
        (readouts) => readouts.forEach((r, k) => chunk[k].resolve(r)),
        (error: Error) => chunk.forEach((p) => p.reject(error)),
      );
    }
  }

  /**
   * Runs clips, longest first, window by window as one batch; a clip leaves the batch (its rows
   * of the state with it) after its last window. Rows do not affect each other, so each clip's
   * readouts are those it has alone.
   */
  private async stream(chunk: readonly Pending[]): Promise<Readouts[]> {
    const { name: inputName, window, context } = this.spec.input as { name: string; window: number; context: number };
    const steps = chunk.map((p) => Math.ceil(p.clip.length / window));
    const step = context + window;
    let rows = chunk.length;
    const state = new Map<string, TensorData>();
    for (const st of this.spec.state) {
      const dims = st.shape.map((d) => (d === 'batch' ? rows : (d as number)));
      state.set(st.input, float32Tensor(dims));
    }
    const series = this.spec.readouts.map(() => chunk.map(() => [] as Float32Array[]));
    let previous = new Float32Array(rows * step);
    for (let s = 0; s < steps[0]; s++) {
      let active = rows;
      while (steps[active - 1] <= s) active--;
      if (active < rows) {
        for (const st of this.spec.state) state.set(st.input, firstRows(state.get(st.input)!, st.shape.indexOf('batch'), active));
        previous = previous.subarray(0, active * step);
        rows = active;
      }
      const input = new Float32Array(rows * step);
      for (let b = 0; b < rows; b++) {
        const clip = chunk[b].clip;
        // Context: the last `context` samples of this clip's previous step input (zeros at first).
        input.set(previous.subarray(b * step + window, (b + 1) * step), b * step);
        input.set(clip.subarray(s * window, Math.min(clip.length, (s + 1) * window)), b * step + context);
      }
      const feeds: Record<string, TensorData> = { [inputName]: float32Tensor([rows, step], input) };
      for (const [k, v] of state) feeds[k] = v;
      const out = await this.runner.run(feeds);
      for (const st of this.spec.state) state.set(st.input, out[st.output]);
      this.spec.readouts.forEach((r, ri) => {
        const t = out[r.tensor];
        const per = t.data.length / rows;
        for (let b = 0; b < rows; b++) {
          series[ri][b].push(applyReadout({ type: t.type, dims: t.dims.slice(1), data: (t.data as Float32Array).subarray(b * per, (b + 1) * per) }, r));
        }
      });
      previous = input;
    }
    return chunk.map((_, b) => {
      const readouts: Readouts = {};
      this.spec.readouts.forEach((r, ri) => (readouts[r.name] = combineWindows(series[ri][b], r.windows)));
      return readouts;
    });
  }
}

/** The first `rows` along a float32 tensor's batch axis (a state, when later clips of a batch have ended). */
function firstRows(t: TensorData, axis: number, rows: number): TensorData {
  const dims = [...t.dims];
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const from = t.data as Float32Array;
  const data = new Float32Array(outer * rows * inner);
  for (let o = 0; o < outer; o++) data.set(from.subarray(o * dims[axis] * inner, (o * dims[axis] + rows) * inner), o * rows * inner);
  dims[axis] = rows;
  return { type: 'float32', dims, data };
}

function combineWindows(values: readonly Float32Array[], how: 'mean' | 'max' | 'series'): Float32Array {
  const width = values[0].length;
  if (how === 'series') {
    const out = new Float32Array(values.length * width);
    values.forEach((v, i) => out.set(v, i * width));
    return out;
  }
  const acc = new Float64Array(width).fill(how === 'max' ? -Infinity : 0);
  for (const v of values) for (let i = 0; i < width; i++) acc[i] = how === 'max' ? Math.max(acc[i], v[i]) : acc[i] + v[i];
  return Float32Array.from(acc, (v) => (how === 'max' ? v : v / values.length));
}
