import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_ENTRY_FORMATS, type ExportEntryFormat } from '@folio/core';
import type { Command } from '../types';

/**
 * `folio export-entry ID --format html|pdf|markdown [--out FILE] [--include-private] [--json]`
 * Writes the file (default: its title + extension in the current folder; `--out -` prints HTML/markdown).
 * --json prints { format, fileName, mime, sizeBytes, file, missingGlyphs? }.
 */
export const exportEntryCommand: Command = {
  name: 'export-entry',
  summary: 'One entry as a standalone HTML page, a PDF, or markdown',
  usage: 'export-entry ID --format html|pdf|markdown [--out FILE]',
  options: {
    format: { type: 'string', description: 'html, pdf or markdown' },
    out: { type: 'string', description: 'File to write (default: the title in the current folder; "-" prints text formats)' },
    'include-private': { type: 'boolean', description: 'Keep :::private blocks in HTML/PDF (markdown always keeps them)' },
  },
  async run(ctx) {
    const id = ctx.args[0];
    const format = ctx.flags.format as string | undefined;
    if (!id || !format || !(EXPORT_ENTRY_FORMATS as readonly string[]).includes(format)) {
      ctx.err('folio export-entry: give an entry id and --format html, pdf or markdown');
      return 2;
    }
    const includePrivate = ctx.flags['include-private'] === true;
    const out = ctx.flags.out as string | undefined;
    if (out === '-') {
      if (format === 'pdf') {
        ctx.err('folio export-entry: a PDF cannot go to the terminal; give --out FILE');
        return 2;
      }
      const r = await ctx.call('io:export-entry', { id, format: format as ExportEntryFormat, includePrivate });
      ctx.out(r.text ?? '');
      return;
    }
    let file = out ? path.resolve(out) : undefined;
    if (!file) {
      const probe = await ctx.call('io:export-entry', { id, format: 'markdown', includePrivate: false });
      file = path.resolve(probe.fileName.replace(/\.md$/, format === 'html' ? '.html' : format === 'pdf' ? '.pdf' : '.md'));
    } else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      const probe = await ctx.call('io:export-entry', { id, format: 'markdown', includePrivate: false });
      file = path.join(file, probe.fileName.replace(/\.md$/, format === 'html' ? '.html' : format === 'pdf' ? '.pdf' : '.md'));
    }
    const r = await ctx.call('io:export-entry', { id, format: format as ExportEntryFormat, includePrivate, file });
    ctx.print(r, () =>
      [
        `Wrote ${r.file} (${r.sizeBytes.toLocaleString('en')} bytes)`,
        ...(r.missingGlyphs?.length ? [`  no installed font has: ${r.missingGlyphs.join(' ')} (shown as "?")`] : []),
      ].join('\n'),
    );
  },
};
