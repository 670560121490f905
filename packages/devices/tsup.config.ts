import { libraryConfig } from '../../tsup.base';

// csv-parse (measured-device CSVs) is bundled from its browser build: its Node build uses the global Buffer, which
// would make every package importing @memsim/devices unusable in a browser, and the browser build is ESM-only, which
// the CJS output could not require on every Node 20.
export default libraryConfig({ index: 'src/index.ts' }, { noExternal: ['csv-parse'] });
