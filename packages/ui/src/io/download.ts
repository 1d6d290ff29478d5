import type { ExportEntryDto } from '@folio/core/contract';

/** Saves bytes as a download (the browser's save flow; Electron shows its save dialog). */
export function downloadBlob(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The Blob of an `io:export-entry` answer (text for HTML/markdown, base64 for PDF). */
export function exportedBlob(r: ExportEntryDto): Blob {
  if (r.base64 !== undefined) {
    const bin = atob(r.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: r.mime });
  }
  return new Blob([r.text ?? ''], { type: `${r.mime};charset=utf-8` });
}
