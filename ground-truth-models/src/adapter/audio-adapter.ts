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
 * Clips of equal length are processed as one batch.
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
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
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
    const byLength = new Map<number, Pending[]>();
    for (const p of this.pending.splice(0)) {
      const group = byLength.get(p.clip.length) ?? [];
      group.push(p);
      byLength.set(p.clip.length, group);
    }
    for (const group of byLength.values()) {
      for (let i = 0; i < group.length; i += this.maxBatch) {
        const chunk = group.slice(i, i + this.maxBatch);
        this.stream(chunk).then(
          (readouts) => readouts.forEach((r, k) => chunk[k].resolve(r)),
          (error: Error) => chunk.forEach((p) => p.reject(error)),
        );
      }
    }
  }

  /** Runs equal-length clips window by window as one batch. */
  private async stream(chunk: readonly Pending[]): Promise<Readouts[]> {
    const { name: inputName, window, context } = this.spec.input as { name: string; window: number; context: number };
    const B = chunk.length;
    const length = chunk[0].clip.length;
    const steps = Math.ceil(length / window);
    const step = context + window;
    const state = new Map<string, TensorData>();
    for (const st of this.spec.state) {
      const dims = st.shape.map((d) => (d === 'batch' ? B : (d as number)));
      state.set(st.input, float32Tensor(dims));
    }
    const series = this.spec.readouts.map(() => chunk.map(() => [] as Float32Array[]));
    let previous = new Float32Array(B * step);
    for (let s = 0; s < steps; s++) {
      const input = new Float32Array(B * step);
      for (let b = 0; b < B; b++) {
        // Context: the last `context` samples of this clip's previous step input (zeros at first).
        input.set(previous.subarray(b * step + window, (b + 1) * step), b * step);
        input.set(chunk[b].clip.subarray(s * window, Math.min(length, (s + 1) * window)), b * step + context);
      }
      const feeds: Record<string, TensorData> = { [inputName]: float32Tensor([B, step], input) };
      for (const [k, v] of state) feeds[k] = v;
      const out = await this.runner.run(feeds);
      for (const st of this.spec.state) state.set(st.input, out[st.output]);
      this.spec.readouts.forEach((r, ri) => {
        const t = out[r.tensor];
        const per = t.data.length / B;
        for (let b = 0; b < B; b++) {
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
