import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { decodeModel } from '../onnx/onnx-proto.js';
import type { ModelSource } from '../runtime/onnx-session.js';

/**
 * The seed of the committed default models. It is public, so the default worlds are NOT secret:
 * a course offering regenerates the models from its own secret seed (see cli/regenerate.ts).
 */
export const DEFAULT_WORLD_SEED = 'prodsim-default-world-v1';

/** ground-truth-models/models/ (the same relative path from src/ and from dist/). */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export const DEFAULT_MODELS = {
  image: fileURLToPath(new URL('../../models/image-world-v1.onnx', import.meta.url)),
  audio: fileURLToPath(new URL('../../models/audio-world-v1.onnx', import.meta.url)),
} as const;

/** The model's bytes, from a path or as given, with a coded error if the file cannot be read. */
export function modelBytes(model: ModelSource): Uint8Array {
  if (typeof model !== 'string') return model;
  try {
    return readFileSync(model);
  } catch (error) {
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `cannot read model file ${model}: ${(error as Error).message}`, { cause: error });
  }
}

/** The metadata_props of an ONNX model as a plain object. */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  let props: { key?: string | null; value?: string | null }[];
  try {
    props = decodeModel(bytes).metadataProps ?? [];
  } catch (error) {
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `not an ONNX model: ${(error as Error).message}`, { cause: error });
  }
  return Object.fromEntries(props.map((p) => [p.key ?? '', p.value ?? '']));
}

/** Reads an integer metadata field a world model must carry. */
export function metadataInt(meta: Record<string, string>, key: string, world: string): number {
  const v = Number(meta[key]);
  if (!Number.isInteger(v) || v <= 0)
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `model is not a ${world} model: metadata ${key} = ${JSON.stringify(meta[key])}`);
  return v;
}
