/**
 * @prodsim/ground-truth-models: seeded "secret world" ONNX models (authored in TypeScript), a
 * declarative adapter for real pretrained ONNX models, and a batching runtime on onnxruntime-node.
 */
export { GroundTruthError, GroundTruthErrorCodes } from './errors.js';
export type { GroundTruthErrorCode } from './errors.js';

// Authoring kit
export { GraphBuilder } from './authoring/graph-builder.js';
export type { Attr, ConstantTensor, Dim, ModelMetadata, NodeSpec, ValueSpec } from './authoring/graph-builder.js';
export { evaluateGraph } from './authoring/reference-evaluator.js';
export type { RefTensor } from './authoring/reference-evaluator.js';
export { heNormal, normalArray } from './authoring/seeded-init.js';
export { columnStats, designHead, principalAxes, standardise } from './authoring/calibration.js';
export type { ColumnStats, HeadTarget, LinearHead, Matrix, PrincipalAxes } from './authoring/calibration.js';
export { decodeModel, encodeModel } from './onnx/onnx-proto.js';

// Secret worlds
export { buildImageWorldModel, IMAGE_WORLD, IMAGE_WORLD_DEFAULTS } from './worlds/image-world-model.js';
export type { AuthoredModel, ImageWorldOptions } from './worlds/image-world-model.js';
export { buildAudioWorldModel, AUDIO_WORLD, AUDIO_WORLD_DEFAULTS } from './worlds/audio-world-model.js';
export type { AudioWorldOptions } from './worlds/audio-world-model.js';
export { ImageWorld, argmax } from './worlds/image-world.js';
export type { ImageTruth, WorldOptions } from './worlds/image-world.js';
export { AudioWorld, prepareClip } from './worlds/audio-world.js';
export type { AudioTruth } from './worlds/audio-world.js';
export { DEFAULT_MODELS, DEFAULT_WORLD_SEED, MODELS_DIR, readModelMetadata } from './worlds/default-models.js';
export { regenerate } from './cli/regenerate.js';
export { offeringWorld } from './worlds/offering-world.js';
export type { RegenerateResult } from './cli/regenerate.js';

// Media helpers
export { imageToTensor, resample, validateImage } from './media/rgb-image.js';
export type { ImageTensorOptions, ResizePolicy, RgbImage } from './media/rgb-image.js';
export { solidImage, stripesImage, syntheticImage } from './media/synthetic-images.js';
export { babble, colouredNoise, mix, rms, SAMPLE_RATE, silence, syntheticClip, tone, whiteNoise } from './media/synthetic-audio.js';
export type { BabbleOptions } from './media/synthetic-audio.js';

// Runtime
export { ModelRunner } from './runtime/model-runner.js';
export type { ModelRunnerOptions, RunnerStats } from './runtime/model-runner.js';
export { OnnxSession } from './runtime/onnx-session.js';
export type { ModelSource, SessionOptions, ValueInfo } from './runtime/onnx-session.js';
export { WorkerPool } from './runtime/worker-pool.js';
export type { WorkerPoolOptions } from './runtime/worker-pool.js';
export { float32Tensor, int64Tensor } from './runtime/tensor.js';
export type { Feeds, Results, TensorData, TensorType } from './runtime/tensor.js';

// Adapters for real pretrained models
export { audioAdapterSchema, imageAdapterSchema, parseAdapterSpec, readAdapterSpec, resolveModelPath } from './adapter/adapter-spec.js';
export type { AdapterSpec, AudioAdapterSpec, ConstantSpec, ImageAdapterSpec, ReadoutSpec } from './adapter/adapter-spec.js';
export { exposeTensors, listTensors } from './adapter/expose-tensors.js';
export { applyReadout } from './adapter/readout.js';
export type { Readouts } from './adapter/readout.js';
export { ImageAdapter } from './adapter/image-adapter.js';
export type { AdapterOptions } from './adapter/image-adapter.js';
export { AudioAdapter } from './adapter/audio-adapter.js';
export { loadAudioAdapter, loadImageAdapter, PRESET_SPECS, presetSpec } from './adapter/presets.js';
export type { PresetName } from './adapter/presets.js';
export { SpeechDetector } from './adapter/speech-detector.js';
export type { SpeechAnalysis, SpeechDetectorOptions } from './adapter/speech-detector.js';
