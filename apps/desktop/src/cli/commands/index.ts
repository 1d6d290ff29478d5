import type { Command } from '../types';
import { backupCommand } from './backup';
import { infoCommand } from './info';
import { logCommand } from './log';
import { papersCommand } from './papers';
import { restoreCommand } from './restore';
import { reviewCommand } from './review';
import { serveCommand } from './serve';
import { spendCommand } from './spend';
import { sqlCommand } from './sql';
import { stampsCommand } from './stamps';
import { tasksCommand } from './tasks';
import { timeCommand } from './time';

/** Every `folio` command, in the order `folio --help` lists them. Each domain adds its own file here. */
export const COMMANDS: Command[] = [
  serveCommand,
  infoCommand,
  sqlCommand,
  backupCommand,
  restoreCommand,
  papersCommand,
  logCommand,
  timeCommand,
  tasksCommand,
  spendCommand,
  stampsCommand,
  reviewCommand,
];
