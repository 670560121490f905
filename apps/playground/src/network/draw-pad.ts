import { h } from '../ui/controls';

const SIZE = 196; // 7 × 28

/**
 * A canvas to draw a digit on; `pixels()` gives it as MNIST does: 28 × 28 in [0, 1], white on black, the drawing
 * scaled into a 20 × 20 box and centred on its centre of mass in the 28 × 28 frame.
 */
export function drawPad(onDone: (pixels: Float32Array) => void): { root: HTMLElement; clear(): void } {
  const canvas = h('canvas', { width: String(SIZE), height: String(SIZE), class: 'pad', 'data-control': 'pad' });
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIZE, SIZE);
  };
  clear();
  let drawing = false;
  let last: [number, number] | null = null;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * SIZE) / r.width, ((e.clientY - r.top) * SIZE) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    last = at(e);
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing || last === null) return;
    const p = at(e);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 16;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(last[0], last[1]);
    ctx.lineTo(p[0], p[1]);
    ctx.stroke();
    last = p;
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    last = null;
    onDone(pixels());
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointerleave', end);
  const pixels = (): Float32Array => {
    const img = ctx.getImageData(0, 0, SIZE, SIZE).data;
    // Bounding box of the ink.
    let x0 = SIZE;
    let y0 = SIZE;
    let x1 = -1;
    let y1 = -1;
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++)
        if (img[(y * SIZE + x) * 4]! > 20) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
    const out = new Float32Array(784);
    if (x1 < 0) return out;
    // Scale the box into 20 × 20 (area average), then place it by its centre of mass.
    const side = Math.max(x1 - x0 + 1, y1 - y0 + 1);
    const box = new Float32Array(400);
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const bx = Math.min(19, Math.floor(((x - x0 + (side - (x1 - x0 + 1)) / 2) * 20) / side));
        const by = Math.min(19, Math.floor(((y - y0 + (side - (y1 - y0 + 1)) / 2) * 20) / side));
        box[by * 20 + bx]! += img[(y * SIZE + x) * 4]! / 255 / ((side / 20) * (side / 20));
      }
    let mass = 0;
    let cx = 0;
    let cy = 0;
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 20; x++) {
        const v = Math.min(1, box[y * 20 + x]!);
        box[y * 20 + x] = v;
        mass += v;
        cx += v * x;
        cy += v * y;
      }
    const dx = Math.round(14 - cx / mass);
    const dy = Math.round(14 - cy / mass);
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 20; x++) {
        const tx = x + dx;
        const ty = y + dy;
        if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = box[y * 20 + x]!;
      }
    return out;
  };
  const clearButton = h('button', { type: 'button', 'data-control': 'pad-clear' }, 'Clear');
  clearButton.addEventListener('click', clear);
  return { root: h('div', { class: 'pad-box' }, canvas, clearButton), clear };
}
