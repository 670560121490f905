import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkOneOf, InvalidParameterError } from '@memsim/core';
import { LAYER_CLASS_ALIASES, SUPPORTED_LAYER_CLASSES } from '@memsim/layers';
import { importOnnx, INPUT_LAYOUTS, type InputLayout, inspectOnnx, type OnnxSummary } from '@memsim/onnx';
import { initBackend } from '@memsim/layers';
import { saveModel } from '../tf/model-io';
import { COMMON_OPTIONS, type Command } from './command';
import { outDirectory } from '../internal/out-dir';

/** What `memsim import` reports (printed, or as JSON with --json). */
export interface ImportReport extends OnnxSummary {
  /** The TensorFlow.js model folder written. */
  out: string;
  /** Input layout of the written model. */
  inputLayout: InputLayout;
  /** Layers of the tfjs model. */
  layers: number;
  /** Layers `patchModel` puts on crossbars by default, by class. */
  crossbarLayers: Record<string, number>;
}

const shape = (s: (number | string | null)[]) => `[${s.map((d) => d ?? '?').join(', ')}]`;

/** Formats the op / parameter summary of an import. */
export function formatImportReport(r: ImportReport): string {
  const lines = [
    `ONNX IR ${r.irVersion}, opset ${r.opset}${r.producer ? `, produced by ${r.producer}` : ''}`,
    ...r.inputs.map((t) => `input  ${t.name} ${shape(t.shape)} ${t.elementType}`),
    ...r.outputs.map((t) => `output ${t.name} ${shape(t.shape)} ${t.elementType}`),
    `${r.nodes} nodes, ${r.parameters.toLocaleString('en-US')} parameters`,
    'ops:',
    ...r.ops.map(
      (o) => `  ${o.opType.padEnd(20)} ${String(o.count).padStart(5)}${o.supported ? '' : '  (unsupported)'}`,
    ),
    `TensorFlow.js model: ${r.layers} layers, input layout ${r.inputLayout === 'onnx' ? 'as in ONNX (e.g. N×C×H×W)' : 'NHWC'}; on crossbars: ${
      Object.entries(r.crossbarLayers)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ') || 'none'
    }`,
    `written to ${r.out} (model.json + weights.bin)`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `memsim import model.onnx --out DIR`: an ONNX network (PyTorch export) as a TensorFlow.js model folder. */
export const importCommand: Command = {
  name: 'import',
  defaultOut: '<model file name>-tfjs',
  usage: 'memsim import model.onnx [--out DIR] [--layout onnx|nhwc] [--json]',
  summary:
    'Imports an ONNX network (e.g. a PyTorch model exported with torch.onnx.export) and writes it as a TensorFlow.js model folder (model.json + weights.bin) that every command takes with --model; prints its inputs, outputs, ops and parameter count.',
  options: {
    layout: {
      type: 'string',
      description: 'input layout of the written model: onnx (feed what PyTorch takes, N×C×H×W) | nhwc',
      default: 'onnx',
    },
    ...COMMON_OPTIONS,
  },
  async run(args, context) {
    if (args.positionals.length !== 1)
      throw new InvalidParameterError({
        where: 'memsim import',
        parameter: 'model',
        value: args.positionals.join(' ') || undefined,
        expected: 'exactly one .onnx file',
      });
    const file = args.positionals[0]!;
    const inputLayout = checkOneOf('memsim import', '--layout', args.values.layout ?? 'onnx', INPUT_LAYOUTS);
    let bytes: Uint8Array;
    try {
      const b = readFileSync(file);
      bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (error) {
      throw new InvalidParameterError({
        where: 'memsim import',
        parameter: 'model',
        value: file,
        expected: `a readable .onnx file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      });
    }
    const out = outDirectory(
      'import',
      args.values.out,
      join(`${basename(file).replace(/\.onnx$/i, '') || 'model'}-tfjs`),
    );
    await initBackend();
    const summary = inspectOnnx(bytes);
    const model = await importOnnx(bytes, { inputLayout });
    await saveModel(model, out);
    const crossbarLayers: Record<string, number> = {};
    for (const layer of model.layers) {
      const c = layer.getClassName();
      const kind = (SUPPORTED_LAYER_CLASSES as readonly string[]).includes(c) ? c : LAYER_CLASS_ALIASES[c]?.as;
      if (kind !== undefined) crossbarLayers[kind] = (crossbarLayers[kind] ?? 0) + 1;
    }
    const report: ImportReport = { ...summary, out, inputLayout, layers: model.layers.length, crossbarLayers };
    model.dispose();
    context.stdout.write(args.values.json ? `${JSON.stringify(report)}\n` : formatImportReport(report));
    return 0;
  },
};
