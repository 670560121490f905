import { libraryConfig } from '../../tsup.base';

export default libraryConfig({
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'internal/index': 'src/internal/index.ts',
});
