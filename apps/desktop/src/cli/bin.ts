import { runCli } from './main';

// The `folio` executable's entry (bundled to dist/cli.mjs by scripts/build.mjs).
runCli(process.argv.slice(2)).then(
  (code) => {
    // `serve` keeps the process alive itself; everything else exits with its code.
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
