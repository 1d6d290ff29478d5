import { runCli } from './main';

// The `folio` executable's entry (bundled to dist/cli.mjs by scripts/build.mjs).

// `folio sql "..." | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
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
