import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { decodeModel, ElemType, encodeModel, type IValueInfoProto } from '../onnx/onnx-proto.js';

/**
 * Rewrites a model so that its graph outputs are exactly `tensors`: existing outputs keep their
 * declaration, inner tensors (any node output of the main graph, e.g. a backbone feature map) are
 * added as outputs, and outputs not asked for are dropped so that onnxruntime can skip the nodes
 * only they needed. Inner tensors are declared float32 unless the model's value_info says otherwise.
 */
export function exposeTensors(bytes: Uint8Array, tensors: readonly string[]): Uint8Array {
  let model;
  try {
    model = decodeModel(bytes);
  } catch (error) {
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `not an ONNX model: ${(error as Error).message}`, { cause: error });
  }
  const graph = model.graph;
  if (!graph) throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, 'ONNX model has no graph');
  const produced = new Set<string>();
  for (const node of graph.node ?? []) for (const out of node.output ?? []) produced.add(out);
  const declared = new Map<string, IValueInfoProto>();
  for (const v of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) if (v.name) declared.set(v.name, v);
  const outputs: IValueInfoProto[] = [];
  for (const name of new Set(tensors)) {
    if (!produced.has(name)) {
      const hint = [...produced].filter((p) => p.toLowerCase().includes(name.toLowerCase().slice(0, 6))).slice(0, 5);
      throw new GroundTruthError(
        GroundTruthErrorCodes.MODEL_MISMATCH,
        `no tensor ${name} is computed by the model's main graph (outputs: ${(graph.output ?? []).map((o) => o.name).join(', ')})${hint.length ? `; similar names: ${hint.join(', ')}` : ''}`,
      );
    }
    outputs.push(declared.get(name) ?? { name, type: { tensorType: { elemType: ElemType.float32 } } });
  }
  graph.output = outputs as typeof graph.output;
  return encodeModel(model);
}

/** Names of every tensor the main graph computes, in node order (to find an inner tensor to expose). */
export function listTensors(bytes: Uint8Array): { op: string; node: string; output: string }[] {
  const model = decodeModel(bytes);
  const out: { op: string; node: string; output: string }[] = [];
  for (const node of model.graph?.node ?? []) for (const o of node.output ?? []) out.push({ op: node.opType ?? '', node: node.name ?? '', output: o });
  return out;
}
