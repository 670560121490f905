import { InvalidParameterError } from '@memsim/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/index';
import { setupBackend } from '../helpers';
import { buildModel } from '../onnx-builder';

beforeAll(setupBackend);

// Issue 20, "one options resolver": importOnnx resolves its options through a schema typed against
// ImportOnnxOptions, before it decodes anything. Each bad option is an InvalidParameterError naming the parameter.
const relu = buildModel({
  inputs: [{ name: 'input', shape: ['N', 4] }],
  outputs: [{ name: 'output' }],
  nodes: [{ op: 'Relu', inputs: ['input'], outputs: ['output'] }],
});

const cases: [string, unknown, RegExp][] = [
  ['an unknown key', { inputLayot: 'nhwc' }, /^importOnnx: unknown key `inputLayot`; did you mean `inputLayout`\?/],
  ['not an object', 'nhwc', /^importOnnx: `options` must be an options object; received 'nhwc'/],
  [
    'an unknown layout',
    { inputLayout: 'nchw' },
    /^importOnnx: `inputLayout` must be one of 'onnx', 'nhwc'; received 'nchw'/,
  ],
  [
    'a layout of the wrong type',
    { inputLayout: 1 },
    /^importOnnx: `inputLayout` must be one of 'onnx', 'nhwc'; received 1/,
  ],
  ['an empty name', { name: '' }, /^importOnnx: `name` must be a non-empty string; received ''/],
  ['a name of the wrong type', { name: 7 }, /^importOnnx: `name` must be a non-empty string; received 7/],
];

describe('importOnnx options', () => {
  it.each(cases)('rejects %s', async (_case, options, message) => {
    // Not even ONNX bytes: the options are checked first.
    const call = importOnnx(new Uint8Array(3), options as never);
    await expect(call).rejects.toSatisfy((e: unknown) => InvalidParameterError.isInstance(e));
    await expect(importOnnx(new Uint8Array(3), options as never)).rejects.toThrow(message);
  });

  it('absent options take their defaults; given ones apply', async () => {
    const byDefault = await importOnnx(relu);
    expect(byDefault.name).not.toBe('');
    const named = await importOnnx(relu, { inputLayout: 'nhwc', name: 'relu_model' });
    expect(named.name).toBe('relu_model');
  });
});
