import { libraryConfig } from '../../tsup.base';

// csv-parse's browser build is bundled in (see src/measured/read-csv.ts): no runtime import of csv-parse remains.
export default libraryConfig({ index: 'src/index.ts' }, { noExternal: ['csv-parse/browser/esm/sync'] });
