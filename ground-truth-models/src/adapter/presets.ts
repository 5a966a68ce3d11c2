import { fileURLToPath } from 'node:url';
import { readAdapterSpec, type AdapterSpec } from './adapter-spec.js';
import { AudioAdapter } from './audio-adapter.js';
import { ImageAdapter, type AdapterOptions } from './image-adapter.js';

/**
 * Adapter specs shipped as JSON in ground-truth-models/specs/ (the same files a course designer
 * would copy and edit to point a domain at another ONNX model).
 */
export const PRESET_SPECS = {
  /** PP-OCRv4 detection: 96-d embedding of any image, plus how much of it looks like text. */
  'paddleocr-det': fileURLToPath(new URL('../../specs/paddleocr-det.json', import.meta.url)),
  /** PP-OCRv4 recognition: 120-d embedding of a text line image. */
  'paddleocr-rec': fileURLToPath(new URL('../../specs/paddleocr-rec.json', import.meta.url)),
  /** Silero VAD v5: per-window speech probability. */
  'silero-vad': fileURLToPath(new URL('../../specs/silero-vad.json', import.meta.url)),
} as const;

export type PresetName = keyof typeof PRESET_SPECS;

export function presetSpec(name: PresetName): { spec: AdapterSpec; baseDir: string } {
  return readAdapterSpec(PRESET_SPECS[name]);
}

/** An image adapter from a preset or a spec file path. */
export async function loadImageAdapter(nameOrFile: PresetName | string, options: AdapterOptions = {}): Promise<ImageAdapter> {
  const { spec, baseDir } = readAdapterSpec(nameOrFile in PRESET_SPECS ? PRESET_SPECS[nameOrFile as PresetName] : nameOrFile);
  return ImageAdapter.load(spec, { baseDir, ...options });
}

/** An audio adapter from a preset or a spec file path. */
export async function loadAudioAdapter(nameOrFile: PresetName | string, options: AdapterOptions = {}): Promise<AudioAdapter> {
  const { spec, baseDir } = readAdapterSpec(nameOrFile in PRESET_SPECS ? PRESET_SPECS[nameOrFile as PresetName] : nameOrFile);
  return AudioAdapter.load(spec, { baseDir, ...options });
}
