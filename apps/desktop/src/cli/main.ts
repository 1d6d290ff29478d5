import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FolioError, isFolioErrorShape, type MethodName } from '@folio/core';
import { createBackend, type Backend } from '../backend/create-backend';
import { defaultDataDir } from '../backend/paths';
import { resolveResources } from '../backend/resources';
import { COMMANDS } from './commands';
import type { CliContext, CliIo, Command, FlagValue } from './types';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string', description: 'Data folder (default: the app data folder, or $FOLIO_DATA_DIR)' },
  json: { type: 'boolean', description: 'Print machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
} as const;

function helpText(): string {
  const lines = [
    'Usage: folio <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => {
      const usage = c.usage.replace(/\s*\n\s*/g, ' | ');
      return usage.length <= 44 ? [`  ${usage.padEnd(44)} ${c.summary}`] : [`  ${usage}`, `  ${''.padEnd(44)} ${c.summary}`];
    }),
    '',
    'Options for every command:',
    '  --data-dir DIR   data folder (default: the app data folder; env FOLIO_DATA_DIR)',
    '  --json           machine-readable output (documented in the README)',
    '  -h, --help       help for a command',
    '  --version        print the version',
  ];
  return lines.join('\n');
}

function commandHelp(cmd: Command): string {
  const opts = Object.entries(cmd.options ?? {}).map(
    ([k, o]) => `  --${k}${o.type === 'string' ? ' VALUE' : ''}${o.short ? `, -${o.short}` : ''}`.padEnd(28) + o.description,
  );
  return [`Usage: folio ${cmd.usage}`, '', cmd.summary, ...(opts.length ? ['', 'Options:', ...opts] : [])].join('\n');
}

/** Runs the CLI; returns the process exit code. Separated from process.* so tests can drive it. */
export async function runCli(
  argv: string[],
  io: CliIo = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) },
): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(resolveResources().version);
    return 0;
  }
  const name = argv.find((a) => !a.startsWith('-'));
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!name || !cmd) {
    if (name) io.err(`folio: unknown command "${name}"\n`);
    io.out(helpText());
    return name ? 2 : argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  // A negative number is a value (`folio log productivity -2` is refused by the metric, not by the parser).
  const NEG = '\u0000neg:';
  const rest = argv.filter((a, i) => i !== argv.indexOf(name)).map((a) => (/^-\d+(\.\d+)?$/.test(a) ? NEG + a : a));
  let parsed;
  try {
    const options = Object.fromEntries(
      Object.entries({ ...GLOBAL_OPTIONS, ...(cmd.options ?? {}) }).map(([k, { description: _d, ...o }]) => [k, o]),
    ) as NonNullable<ParseArgsConfig['options']>;
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    parsed.positionals = parsed.positionals.map((a) => (a.startsWith(NEG) ? a.slice(NEG.length) : a));
  } catch (err) {
    if (argv.includes('--json'))
      io.out(JSON.stringify({ error: { code: 'bad_request', message: (err as Error).message } }, null, 2));
    io.err(`folio ${cmd.name}: ${(err as Error).message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  const flags = parsed.values as Record<string, FlagValue>;
  if (flags.help) {
    io.out(commandHelp(cmd));
    return 0;
  }
  const json = flags.json === true;
  const dataDir = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : defaultDataDir();
  let backend: Backend | null = null;
  let opening: Promise<Backend> | null = null;
  const ctx: CliContext = {
    ...io,
    args: parsed.positionals,
    flags,
    json,
    dataDir,
    demo: false,
    backend() {
      opening ??= createBackend({ dataDir: ctx.dataDir, demo: ctx.demo }).then((b) => (backend = b));
      return opening;
    },
    async call(method, payload) {
      const b = await ctx.backend();
      const r = await b.dispatch(method as MethodName, payload);
      if (!r.ok) throw FolioError.from(r.error);
      return r.value as never;
    },
    print(value, human) {
      io.out(json ? JSON.stringify(value, null, 2) : human());
    },
  };
  try {
    const code = await cmd.run(ctx);
    return code ?? 0;
  } catch (err) {
    const shape = isFolioErrorShape(err)
      ? { code: err.code, message: err.message }
      : { code: 'internal', message: (err as Error)?.message ?? String(err) };
    if (json) io.out(JSON.stringify({ error: shape }, null, 2));
    // Messages that already name the command ("folio sql is read-only: ...") are not prefixed twice.
    io.err(shape.message.startsWith(`folio ${cmd.name} `) ? shape.message : `folio ${cmd.name}: ${shape.message}`);
    return 1;
  } finally {
    if (backend) await (backend as Backend).close();
  }
}
