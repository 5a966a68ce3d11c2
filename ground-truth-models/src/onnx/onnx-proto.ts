// onnx-proto is a CommonJS bundle whose only export is `onnx` on module.exports; Node's ESM
// loader cannot see it as a named export, so the value comes from the default import (the
// type-only import below is erased).
import onnxProto from 'onnx-proto';
import type { onnx as OnnxNs } from 'onnx-proto';

export const onnx = onnxProto.onnx;

export type ModelProto = OnnxNs.ModelProto;
export type IModelProto = OnnxNs.IModelProto;
export type IGraphProto = OnnxNs.IGraphProto;
export type INodeProto = OnnxNs.INodeProto;
export type ITensorProto = OnnxNs.ITensorProto;
export type IValueInfoProto = OnnxNs.IValueInfoProto;
export type IAttributeProto = OnnxNs.IAttributeProto;

/** Element types used here (TensorProto.DataType numbers). */
export const ElemType = { float32: 1, int32: 6, int64: 7 } as const;
export type ElemTypeName = keyof typeof ElemType;

export function decodeModel(bytes: Uint8Array): ModelProto {
  return onnx.ModelProto.decode(bytes);
}

export function encodeModel(model: IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}
