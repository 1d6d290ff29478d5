import { expect, type Locator, type Page } from '@playwright/test';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The library at #/papers: add files, filter, status tabs, rows. */
export class LibraryPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('papers-library');
  }

  get fileInput(): Locator {
    return this.page.getByTestId('papers-file-input');
  }

  get filter(): Locator {
    return this.page.getByRole('searchbox', { name: 'Filter the library' });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Library' });
  }

  get results(): Locator {
    return this.page.getByRole('region', { name: 'Added files' });
  }

  rows(): Locator {
    return this.table.locator('.papers-body [role="row"]');
  }

  row(title: string | RegExp): Locator {
    return this.rows().filter({ hasText: title });
  }

  tab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Reading queue' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  async addFiles(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await this.fileInput.setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: 'application/pdf', buffer: Buffer.from(f.bytes) })),
    );
  }

  /** Drops files onto the library the way a file manager does (a drop event carrying a DataTransfer). */
  async dropFiles(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await this.root.evaluate(
      (el, list) => {
        const dt = new DataTransfer();
        for (const f of list)
          dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'application/pdf' }));
        el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
        el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
    );
  }

  resultFor(name: string): Locator {
    return this.results.locator('li').filter({ hasText: name });
  }
}

/** A paper open in the reader at #/papers/<id>. */
export class ReaderPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('.folio-reader');
  }

  get status(): Locator {
    return this.page.getByRole('combobox', { name: 'Reading status' });
  }

  async waitReady(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  }

  async goToPage(n: number): Promise<void> {
    const input = this.page.locator('.folio-toolbar__page-input');
    await input.fill(String(n));
    await input.press('Enter');
    await expect(this.root).toHaveAttribute('data-page', String(n));
    await this.page.waitForFunction((p) => !!document.querySelector(`.page[data-page-number="${p}"] .textLayer span`), n);
  }

  /** Client boxes of the first and last characters of `sentence` in page `n`'s text layer, and its line boxes (relative to the page). */
  async sentenceGeometry(n: number, sentence: string): Promise<{ start: Box; end: Box; lines: Box[] } | null> {
    return this.page.evaluate(
      ([pageNumber, text]) => {
        const layer = document.querySelector(`.page[data-page-number="${pageNumber}"] .textLayer`);
        if (!layer) return null;
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) nodes.push(t as Text);
        let joined = '';
        const starts: number[] = [];
        for (const t of nodes) {
          starts.push(joined.length);
          joined += `${t.data} `;
        }
        const at = joined.indexOf(text.split(' ').slice(0, 6).join(' '));
        if (at < 0) return null;
        const locate = (offset: number) => {
          let i = starts.length - 1;
          while (starts[i]! > offset) i--;
          return { node: nodes[i]!, offset: offset - starts[i]! };
        };
        const first = locate(at);
        const last = locate(at + text.length - 1);
        const charBox = (node: Text, offset: number) => {
          const r = document.createRange();
          r.setStart(node, offset);
          r.setEnd(node, offset + 1);
          const b = r.getBoundingClientRect();
          return { left: b.left, top: b.top, width: b.width, height: b.height };
        };
        const whole = document.createRange();
        whole.setStart(first.node, first.offset);
        whole.setEnd(last.node, last.offset + 1);
        const p = layer.closest('.page')!.getBoundingClientRect();
        const lines = Array.from(whole.getClientRects())
          .filter((b) => b.width > 1)
          .map((b) => ({ left: b.left - p.left, top: b.top - p.top, width: b.width, height: b.height }));
        return { start: charBox(first.node, first.offset), end: charBox(last.node, last.offset), lines };
      },
      [n, sentence] as const,
    );
  }

  /** Scrolls the reader so that a point at `clientTop` lands 200 px below its top. */
  async scrollBy(clientTop: number): Promise<void> {
    await this.page.locator('.folio-reader__container').evaluate((c, top) => (c.scrollTop += top - 200), clientTop);
  }

  /** Selects from the first to the last character with real mouse moves. */
  async dragSelect(from: Box, to: Box): Promise<void> {
    const mouse = this.page.mouse;
    await mouse.move(from.left + 1, from.top + from.height / 2);
    await mouse.down();
    await mouse.move((from.left + to.left) / 2, (from.top + to.top) / 2 + 2, { steps: 5 });
    await mouse.move(to.left + to.width - 0.5, to.top + to.height / 2, { steps: 5 });
    await mouse.up();
  }

  get selectionPopover(): Locator {
    return this.page.locator('.folio-popover--selection');
  }

  highlight(id: string): Locator {
    return this.page.locator(`.folio-hl[data-annotation-id="${id}"]`);
  }

  /** A highlight's rectangles as client boxes relative to its page. */
  async highlightBoxes(id: string): Promise<{ page: Box; rects: Box[] }> {
    await expect(this.highlight(id).locator('.folio-hl__rect').first()).toBeAttached();
    return this.page.evaluate((annotationId) => {
      const hl = document.querySelector(`.folio-hl[data-annotation-id="${annotationId}"]`)!;
      const p = hl.closest('.page')!.getBoundingClientRect();
      return {
        page: { left: p.left, top: p.top, width: p.width, height: p.height },
        rects: Array.from(hl.querySelectorAll('.folio-hl__rect')).map((r) => {
          const b = r.getBoundingClientRect();
          return { left: b.left - p.left, top: b.top - p.top, width: b.width, height: b.height };
        }),
      };
    }, id);
  }
}

export function near(a: Box, b: Box, tolerance: number): boolean {
  return (
    Math.abs(a.left - b.left) <= tolerance &&
    Math.abs(a.top - b.top) <= tolerance &&
    Math.abs(a.width - b.width) <= tolerance &&
    Math.abs(a.height - b.height) <= tolerance
  );
}

export function union(boxes: Box[]): Box {
  const l = Math.min(...boxes.map((b) => b.left));
  const t = Math.min(...boxes.map((b) => b.top));
  const r = Math.max(...boxes.map((b) => b.left + b.width));
  const btm = Math.max(...boxes.map((b) => b.top + b.height));
  return { left: l, top: t, width: r - l, height: btm - t };
}
