import { libraryConfig } from '../../tsup.base';

// `import.meta.url` (used to find the wasm binaries in Node) gets a CJS shim.
export default libraryConfig({ index: 'src/index.ts', 'node/index': 'src/node/index.ts' }, { shims: true });
