import type { ConvertContext } from '../graph/context';
import type { NodeAttributes } from '../proto/attributes';
import type { NodeProto } from '../proto/onnx-proto';

/** Turns one ONNX node into layers (or a folded constant), writing its outputs into the context. */
export type Converter = (ctx: ConvertContext, node: NodeProto, attributes: NodeAttributes) => void;
