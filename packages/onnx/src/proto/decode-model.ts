import { InvalidParameterError } from '@memsim/core';
import { type ModelProto, onnx, toNumber } from './onnx-proto';

/**
 * Lowest opset of the default ONNX domain the importer accepts.
 *
 * @example
 * MIN_OPSET; // → 11 (oldest opset importOnnx accepts)
 */
export const MIN_OPSET = 11;
/**
 * Highest opset the importer was written and tested for.
 *
 * @example
 * MAX_OPSET; // → 21
 */
export const MAX_OPSET = 21;

/** A decoded model with the facts every later step needs. */
export interface DecodedModel {
  model: ModelProto;
  /** Opset of the default domain (`''` or `'ai.onnx'`). */
  opset: number;
}

/**
 * Decodes ONNX bytes with the official schema (onnx-proto / protobufjs) and checks that they are an ONNX model this
 * importer can read: a graph with nodes, an opset of the default domain in [{@link MIN_OPSET}, {@link MAX_OPSET}].
 *
 * @throws {InvalidParameterError} when the bytes are not a Uint8Array, are truncated or not ONNX, or the opset is
 * outside the supported range.
 */
export function decodeModel(where: string, bytes: Uint8Array): DecodedModel {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidParameterError({
      where,
      parameter: 'bytes',
      value: bytes,
      expected: 'a Uint8Array holding an .onnx file',
    });
  if (bytes.length === 0)
    throw new InvalidParameterError({
      where,
      parameter: 'bytes',
      value: '0 bytes',
      expected: 'the bytes of an .onnx file',
    });
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new InvalidParameterError({
      where,
      parameter: 'bytes',
      value: `${bytes.length} bytes`,
      expected: `an ONNX ModelProto (protobuf decoding failed: ${(error as Error).message}; is the file truncated or not ONNX?)`,
    });
  }
  const graph = model.graph;
  const irVersion = toNumber(model.irVersion);
  if (!graph?.node || graph.node.length === 0 || irVersion <= 0)
    throw new InvalidParameterError({
      where,
      parameter: 'bytes',
      value: `${bytes.length} bytes`,
      expected:
        'an ONNX model with an IR version and a graph of nodes (these bytes decode to no graph: not an ONNX file?)',
    });
  const defaultDomain = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const opset = defaultDomain ? toNumber(defaultDomain.version) : 0;
  if (opset < MIN_OPSET || opset > MAX_OPSET)
    throw new InvalidParameterError({
      where,
      parameter: 'opset',
      value: opset,
      expected: `an opset of the default ONNX domain in [${MIN_OPSET}, ${MAX_OPSET}] (re-export with torch.onnx.export(..., opset_version=17))`,
    });
  return { model, opset };
}
