// The CIFAR-10 VGG-style Net of MemTorch's 1.1.0 tutorial with seeded He-like weights: the one network of
// layers.bench.ts and passive-vgg.bench.ts (both must measure the same net).
import * as tf from '@tensorflow/tfjs';

/** MemTorch's tutorial Net: six 3×3 convs (128-128-256-256-512-512) with BN/ReLU/max-pool, fc 8192→1024→1024→10. */
export function vggNet(): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  const block = (filters: number, first = false) => {
    layers.push(
      tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', ...(first ? { inputShape: [32, 32, 3] } : {}) }),
    );
    layers.push(tf.layers.batchNormalization());
    layers.push(tf.layers.reLU());
  };
  block(128, true);
  block(128);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(256);
  block(256);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(512);
  block(512);
  layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  layers.push(tf.layers.flatten());
  layers.push(tf.layers.dense({ units: 1024, activation: 'relu' }));
  layers.push(tf.layers.dense({ units: 1024, activation: 'relu' }));
  layers.push(tf.layers.dense({ units: 10 }));
  const model = tf.sequential({ layers });
  // Seeded random weights (He-like scale so activations stay O(1)).
  let seed = 1;
  for (const layer of model.layers)
    layer.setWeights(
      layer.getWeights().map((w) => {
        const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
        const isVariance = w.shape.length === 1 && layer.getClassName() === 'BatchNormalization';
        return w.shape.length === 1
          ? isVariance
            ? tf.ones(w.shape)
            : tf.zeros(w.shape)
          : tf.randomNormal(w.shape, 0, Math.sqrt(2 / fanIn), 'float32', seed++);
      }),
    );
  return model;
}
