import { tf } from './backend';

interface TensorInfoLike {
  dataId: object;
  shape: number[];
  dtype: string;
}

let registered = false;

/**
 * Registers `Conv2DBackpropFilter` for the wasm backend (tfjs-backend-wasm 4.22 ships only the 3-D version), so
 * convolutional networks train on wasm (about 35× faster than the cpu backend). The 2-D filter gradient is the 3-D
 * one with a depth of 1: the kernel passes depth-1 views of `x` and `dy` (same data) to `Conv3DBackpropFilterV2`.
 * @example
 * registerWasmTrainingKernels(); // idempotent: adds the gradient kernels training needs to tfjs' wasm backend
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined) return;
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (conv3d === undefined) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs.x as unknown as TensorInfoLike;
      const dy = inputs.dy as unknown as TensorInfoLike;
      const a = attrs as unknown as {
        strides: number | [number, number];
        pad: unknown;
        filterShape: [number, number, number, number];
        dataFormat?: string;
      };
      if ((a.pad !== 'valid' && a.pad !== 'same') || (a.dataFormat !== undefined && a.dataFormat !== 'NHWC'))
        throw new Error(
          `Conv2DBackpropFilter on wasm supports NHWC with 'valid' or 'same' padding; got ${String(a.pad)}`,
        );
      const [sh, sw] = typeof a.strides === 'number' ? [a.strides, a.strides] : a.strides;
      const [b, h, w, c] = x.shape as [number, number, number, number];
      const [, oh, ow, co] = dy.shape as [number, number, number, number];
      const [kh, kw, ci, fo] = a.filterShape;
      const dw = conv3d.kernelFunc({
        inputs: {
          x: { dataId: x.dataId, shape: [b, 1, h, w, c], dtype: x.dtype },
          dy: { dataId: dy.dataId, shape: [b, 1, oh, ow, co], dtype: dy.dtype },
        } as never,
        backend,
        attrs: { strides: [1, sh, sw], pad: a.pad, filterShape: [1, kh, kw, ci, fo] } as never,
      }) as unknown as TensorInfoLike;
      return { dataId: dw.dataId, shape: [kh, kw, ci, fo], dtype: dw.dtype } as never;
    },
  });
}
