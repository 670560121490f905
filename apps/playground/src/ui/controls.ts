// Small DOM helpers for the labs' forms: every control has a stable `data-control` name the tests address.

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/** A labelled number field; `onChange` gets the parsed value when it is finite. */
export function numberField(
  name: string,
  label: string,
  unit: string,
  value: number,
  onChange: (v: number) => void,
  attrs: Record<string, string> = {},
): HTMLLabelElement {
  const input = h('input', { type: 'number', step: 'any', 'data-control': name, ...attrs });
  input.value = String(value);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value.trim() !== '' && Number.isFinite(v)) {
      input.classList.remove('invalid');
      onChange(v);
    } else input.classList.add('invalid');
  });
  return h('label', { class: 'field' }, h('span', {}, label), input, h('small', {}, unit));
}

/** A labelled slider with its value shown; fires on release (`change`) so a drag does not queue recomputations. */
export function slider(
  name: string,
  label: string,
  min: number,
  max: number,
  step: number,
  value: number,
  format: (v: number) => string,
  onChange: (v: number) => void,
): HTMLLabelElement {
  const input = h('input', {
    type: 'range',
    min: String(min),
    max: String(max),
    step: String(step),
    'data-control': name,
  });
  input.value = String(value);
  const shown = h('output', {}, format(value));
  input.addEventListener('input', () => {
    shown.textContent = format(Number(input.value));
  });
  input.addEventListener('change', () => onChange(Number(input.value)));
  return h('label', { class: 'field' }, h('span', {}, label), input, shown);
}

/** A labelled select. */
export function selectField(
  name: string,
  label: string,
  options: readonly string[],
  value: string,
  onChange: (v: string) => void,
): HTMLLabelElement {
  const select = h('select', { 'data-control': name });
  for (const o of options) select.append(h('option', { value: o }, o));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return h('label', { class: 'field' }, h('span', {}, label), select);
}

/** A "copy as code" panel: a button that copies the snippet and a <pre> that always shows it. */
export function codePanel(name: string): { root: HTMLElement; set(code: string): void } {
  const pre = h('pre', { class: 'code', 'data-code': name });
  const button = h('button', { type: 'button', 'data-control': `${name}-copy` }, 'Copy as code');
  const note = h('small', { class: 'copy-note' });
  button.addEventListener('click', () => {
    const text = pre.textContent ?? '';
    // The clipboard needs a user gesture and permission; the snippet stays visible and selectable either way.
    navigator.clipboard?.writeText(text).then(
      () => {
        note.textContent = 'copied';
      },
      () => {
        note.textContent = 'select the code below to copy it';
      },
    );
  });
  const root = h(
    'details',
    { class: 'code-panel' },
    h('summary', {}, 'TypeScript for these settings'),
    button,
    note,
    pre,
  );
  return {
    root,
    set(code: string) {
      pre.textContent = code;
    },
  };
}

/** Formats a number compactly for labels (3 significant digits, exponent when tiny or huge). */
export function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-2 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}
