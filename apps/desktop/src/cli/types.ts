import type { MethodName, Payload, Result } from '@folio/core';
import type { Backend } from '../backend/create-backend';

export type FlagValue = string | boolean | string[] | undefined;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext extends CliIo {
  /** Positional arguments after the command (and subcommand) name. */
  args: string[];
  flags: Record<string, FlagValue>;
  json: boolean;
  /** May be changed by a command before its first backend() call (serve --demo uses a temporary folder). */
  dataDir: string;
  demo: boolean;
  /** Opens the data folder's backend once, on first use; closed when the command ends. */
  backend(): Promise<Backend>;
  /** Calls a handler exactly as the UI does; a failed call throws a FolioError. */
  call<K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>>;
  /** Prints `value` as JSON with --json, else the human text. */
  print(value: unknown, human: () => string): void;
}

export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
}

export interface Command {
  name: string;
  /** `papers add` style subcommands are listed as `papers`. */
  summary: string;
  usage: string;
  options?: Record<string, CommandOption>;
  /** Resolves to the exit code (0 when omitted). A long-running command (serve) resolves when it stops. */
  run(ctx: CliContext): Promise<number | void>;
}
