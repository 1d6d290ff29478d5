import type { Command } from '../types';
import { backupCommand } from './backup';
import { infoCommand } from './info';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { sqlCommand } from './sql';

/** Every `folio` command, in the order `folio --help` lists them. Each domain adds its own file here. */
export const COMMANDS: Command[] = [serveCommand, infoCommand, sqlCommand, backupCommand, restoreCommand];
