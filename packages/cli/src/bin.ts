import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`memsim: internal error: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
