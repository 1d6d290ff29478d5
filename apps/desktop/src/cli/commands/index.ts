import type { Command } from '../types';
import { backupCommand } from './backup';
import { commentsCommand } from './comments';
import { entriesCommand } from './entries';
import { exportCommand } from './export';
import { exportEntryCommand } from './export-entry';
import { importCommand } from './import';
import { infoCommand } from './info';
import { logCommand } from './log';
import { papersCommand } from './papers';
import { publishCommand } from './publish';
import { relatedCommand } from './related';
import { restoreCommand } from './restore';
import { reviewCommand } from './review';
import { searchCommand } from './search';
import { indexCommand } from './search-index';
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
  entriesCommand,
  importCommand,
  exportCommand,
  exportEntryCommand,
  publishCommand,
  papersCommand,
  searchCommand,
  relatedCommand,
  indexCommand,
  logCommand,
  timeCommand,
  tasksCommand,
  spendCommand,
  stampsCommand,
  reviewCommand,
  commentsCommand,
];
