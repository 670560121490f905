import { libraryConfig } from '../../tsup.base';

// `import.meta.url` (used to find the resvg wasm and the fonts in Node) gets a CJS shim.
export default libraryConfig({ index: 'src/index.ts' }, { shims: true });
