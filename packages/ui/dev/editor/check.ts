/// <reference types="node" />
/**
 * Drives the editor harness once in Chromium and prints what it found (not a test suite; the real
 * end-to-end tests live in e2e/). Run from the repository root:
 *
 *   npx tsx packages/ui/dev/editor/check.ts [--out /tmp/folio-editor-check] [--url http://…]
 *
 * Without --url it starts the harness's Vite server itself. Screenshots go to --out.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { createServer } from 'vite';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = arg('--out') ?? '/tmp/folio-editor-check';
mkdirSync(outDir, { recursive: true });

const results: { name: string; ok: boolean; detail?: string }[] = [];
function check(name: string, ok: boolean, detail?: unknown) {
  results.push({
    name,
    ok,
    detail: detail === undefined ? undefined : typeof detail === 'string' ? detail : JSON.stringify(detail),
  });
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${name}${detail !== undefined ? ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`,
  );
}

interface Harness {
  changes: number;
  lastMarkdown: string;
  searches: string[];
  uploads: string[];
  opened: string[];
  errors: string[];
  sanitizer: string;
  wordCount: { words: number; characters: number; charactersNoSpaces: number } | null;
}

const harness = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { __harness: Harness }).__harness;
    return { ...h, handle: undefined, setMarkdown: undefined, bench: undefined } as Harness;
  });
const markdown = async (page: Page) => (await harness(page)).lastMarkdown;

async function setMarkdown(page: Page, md: string) {
  await page.evaluate(
    (m) => (window as unknown as { __harness: { setMarkdown: (s: string) => void } }).__harness.setMarkdown(m),
    md,
  );
  await page.waitForTimeout(80);
}

async function caretToEnd(page: Page) {
  await page.evaluate(() => {
    const h = (window as unknown as { __harness: { handle: { focus: (p: string) => void } } }).__harness;
    h.handle.focus('end');
  });
}

/** Synthetic paste: ProseMirror reads event.clipboardData, which a constructed DataTransfer provides. */
async function paste(page: Page, data: Record<string, string>, pngFile = false) {
  await page.evaluate(
    async ({ data, pngFile }) => {
      const dt = new DataTransfer();
      for (const [k, v] of Object.entries(data)) dt.setData(k, v);
      if (pngFile) {
        const canvas = document.createElement('canvas');
        canvas.width = 120;
        canvas.height = 60;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#3b5bdb';
        ctx.fillRect(0, 0, 120, 60);
        ctx.fillStyle = '#fff';
        ctx.fillText('pasted', 40, 34);
        const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
        dt.items.add(new File([blob], 'pasted-shot.png', { type: 'image/png' }));
      }
      const target = document.querySelector('.folio-editor__content')!;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { data, pngFile },
  );
  await page.waitForTimeout(150);
}

async function main() {
  let server: Awaited<ReturnType<typeof createServer>> | null = null;
  let url = arg('--url');
  if (!url) {
    server = await createServer({
      configFile: path.resolve(import.meta.dirname, 'vite.config.ts'),
      root: import.meta.dirname,
      server: { port: 5190, host: '127.0.0.1' },
      logLevel: 'warn',
    });
    await server.listen();
    url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5190/';
  }

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => pageErrors.push(`requestfailed: ${r.url().slice(0, 120)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') pageErrors.push(`console.${m.type()}: ${m.text()}`);
  });

  try {
    await page.goto(url);
    await page.waitForSelector('.folio-editor__content');
    await page.waitForTimeout(300);
    const content = page.locator('.folio-editor__content');

    // --- Rendering of the sample entry
    const rendered = await page.evaluate(() => {
      const root = document.querySelector('.folio-editor__content')!;
      return {
        h1: root.querySelector('h1')?.textContent,
        tables: root.querySelectorAll('table').length,
        hljsTokens: root.querySelectorAll('pre [class^="hljs-"]').length,
        cudaKeywords: Array.from(root.querySelectorAll('[data-language="cuda"] .hljs-keyword, [data-language="cuda"] .hljs-type'))
          .map((e) => e.textContent)
          .slice(0, 5),
        privateBlocks: root.querySelectorAll('.folio-private-block').length,
        wikilinks: Array.from(root.querySelectorAll('.folio-wikilink')).map((e) => e.textContent),
        tags: Array.from(root.querySelectorAll('.folio-tag')).map((e) => e.getAttribute('data-tag')),
        htmlBlocks: root.querySelectorAll('.folio-html-block').length,
        scripts: root.querySelectorAll('script').length,
      };
    });
    check(
      'sample renders headings, tables, private block, html as text',
      rendered.h1 === 'A week of kernels and 周末的散步' &&
        rendered.tables === 1 &&
        rendered.privateBlocks === 1 &&
        rendered.htmlBlocks === 1 &&
        rendered.scripts === 0,
      rendered,
    );
    check('code blocks are highlighted (SQL/bash/Python/C/CUDA)', rendered.hljsTokens > 20 && rendered.cudaKeywords.length > 0, {
      tokens: rendered.hljsTokens,
      cuda: rendered.cudaKeywords,
    });
    check(
      'wikilinks render as chips and tags are styled',
      rendered.wikilinks.length >= 3 && rendered.tags.includes('日记') && rendered.tags.includes('kernels/cuda'),
      rendered,
    );
    const h0 = await harness(page);
    check('sanitizer runs DOMPurify in Chromium', h0.sanitizer === 'dompurify+scrub', h0.sanitizer);
    check('word count reported', !!h0.wordCount && h0.wordCount.words > 300, h0.wordCount);

    await page.evaluate(() => document.querySelector('.harness__editor')?.scrollTo(0, 0));
    await page.mouse.move(5, 300);
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(outDir, 'light.png') });

    // --- Typing and markdown shortcuts, in an empty entry
    await setMarkdown(page, '');
    await content.click();
    await page.keyboard.type('Hello from Playwright.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('## Heading via shortcut');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Some **bold** and *it* and ~~gone~~ and ==marked== and `code` here.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- first');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('[ ] a task');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('> a quote');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1. one');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('```python ');
    await page.keyboard.type('print("hi")');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('[[Manual Link]] after');
    await page.waitForTimeout(150);
    const typed = await markdown(page);
    const expectTyped = [
      'Hello from Playwright.',
      '## Heading via shortcut',
      'Some **bold** and *it* and ~~gone~~ and ==marked== and `code` here.',
      '- first\n- second',
      '- [ ] a task',
      '> a quote',
      '1. one',
      '```python\nprint("hi")\n```',
      '[[Manual Link]] after',
    ];
    const missing = expectTyped.filter((s) => !typed.includes(s));
    check(
      'typing + markdown input rules produce the expected markdown',
      missing.length === 0,
      missing.length ? { missing, typed } : undefined,
    );

    // --- Chinese: CJK input rules and IME composition (via CDP, like a real input method)
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('中文');
    await page.keyboard.type('**');
    await page.keyboard.insertText('加粗');
    await page.keyboard.type('**');
    await page.keyboard.insertText('，');
    const cdp = await page.context().newCDPSession(page);
    const compose = async (steps: string[], commit: string) => {
      for (const s of steps) {
        await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
        await page.waitForTimeout(30);
      }
      await cdp.send('Input.insertText', { text: commit });
      await page.waitForTimeout(60);
    };
    await compose(['j', 'ji', 'jin', 'jint', 'jinti', 'jintia', 'jintian'], '今天');
    await page.keyboard.type(' #');
    await compose(['b', 'bi', 'bia', 'biao', 'biaoq', 'biaoqian'], '标签');
    await page.keyboard.type(' ');
    await page.keyboard.type('[[');
    await compose(['l', 'lu', 'lun', 'lunw', 'lunwe', 'lunwen'], '论文');
    await page.waitForTimeout(300);
    const afterIme = await harness(page);
    const cjkLine = afterIme.lastMarkdown.split('\n').find((l) => l.startsWith('中文')) ?? '';
    check('CJK bold input rule fires right after Chinese text', cjkLine.startsWith('中文**加粗**，'), cjkLine);
    check(
      'IME composition commits cleanly (no pinyin left behind)',
      cjkLine.includes('今天') && cjkLine.includes('#标签') && !/jin|biao|lun/.test(cjkLine),
      cjkLine,
    );
    const tagAfterIme = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.folio-tag')).map((e) => e.getAttribute('data-tag')),
    );
    check('tag decoration appears after composition ends', tagAfterIme.includes('标签'), tagAfterIme);
    check(
      'no wikilink search with half-composed pinyin',
      !afterIme.searches.some((q) => /[a-z]/.test(q) && q.startsWith('l')),
      afterIme.searches,
    );
    check('wikilink search runs with the composed text', afterIme.searches.includes('论文'), afterIme.searches);
    const menuItems = await page.locator('[role="option"]').allTextContents();
    check(
      '[[ popup lists matching entries',
      menuItems.some((t) => t.includes('论文写作计划')),
      menuItems,
    );
    await page.screenshot({ path: path.join(outDir, 'wikilink-popup.png') });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(80);
    check(
      'Enter picks the suggestion',
      (await markdown(page)).includes('[[论文写作计划]]'),
      (await markdown(page)).split('\n').slice(-2).join('\\n'),
    );

    // --- [[ autocomplete with the keyboard, English
    await page.keyboard.type(' and [[att');
    await page.waitForSelector('[role="listbox"]');
    await page.waitForTimeout(150);
    const attOptions = await page.locator('[role="option"]').allTextContents();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(80);
    check(
      'ArrowDown + Enter inserts the second match (a paper, by citekey)',
      (await markdown(page)).includes('[[@shah2024flashattention3]]'),
      attOptions,
    );
    await page.keyboard.type(' [[esc');
    await page.waitForSelector('[role="listbox"]');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(80);
    check('Escape closes the popup', (await page.locator('[role="listbox"]').count()) === 0);

    // --- Paste: malicious HTML, markdown text, an image
    await page.keyboard.press('Enter');
    await page.evaluate(() => {
      (window as unknown as { __pwned?: number }).__pwned = undefined;
    });
    await paste(page, {
      'text/html':
        '<p onclick="window.__pwned=1">Pasted <b>bold</b> <a href="javascript:window.__pwned=2">js link</a> <a href="https://ok.example/">good link</a></p><img src="x" onerror="window.__pwned=3"><script>window.__pwned=4</script><iframe src="javascript:parent.__pwned=5"></iframe><svg onload="window.__pwned=6"></svg>',
      'text/plain': 'Pasted bold js link good link',
    });
    await page.waitForTimeout(300);
    const pasted = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      handlers: Array.from(document.querySelectorAll('.folio-editor__content *')).flatMap((el) =>
        Array.from(el.attributes)
          .filter((a) => a.name.startsWith('on'))
          .map((a) => `${el.tagName}.${a.name}`),
      ),
      badHrefs: Array.from(document.querySelectorAll('.folio-editor__content a'))
        .map((a) => a.getAttribute('href'))
        .filter((h) => h && /javascript/i.test(h)),
    }));
    const mdAfterPaste = await markdown(page);
    check(
      'malicious HTML paste: nothing runs, no handlers, no javascript: hrefs',
      pasted.pwned === null && pasted.handlers.length === 0 && pasted.badHrefs.length === 0,
      pasted,
    );
    check(
      'pasted HTML keeps its formatting',
      mdAfterPaste.includes('Pasted **bold**') &&
        mdAfterPaste.includes('[good link](https://ok.example/)') &&
        !/javascript|onerror|script/i.test(mdAfterPaste),
    );

    await page.keyboard.press('Enter');
    await paste(page, {
      'text/plain':
        '### Pasted markdown\n\n- [x] done item\n- [ ] open item with ==mark==\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n',
    });
    const mdMd = await markdown(page);
    check(
      'pasted markdown text becomes formatted',
      mdMd.includes('### Pasted markdown') &&
        mdMd.includes('- [x] done item') &&
        mdMd.includes('==mark==') &&
        /\| a +\| b +\|/.test(mdMd),
    );

    await caretToEnd(page);
    await paste(page, {}, true);
    await page.waitForTimeout(400);
    const img = await page.evaluate(() => {
      const el = [...document.querySelectorAll<HTMLImageElement>('.folio-editor__content img.folio-image')].pop() ?? null;
      return el ? { src: el.getAttribute('src'), complete: el.complete, w: el.naturalWidth } : null;
    });
    const afterImg = await harness(page);
    check(
      'pasted image is uploaded and shown via resolveImageSrc',
      afterImg.uploads.length === 1 && !!img?.src?.startsWith('blob:') && img.w === 120,
      { img, uploads: afterImg.uploads },
    );
    check('markdown stores the content-addressed src', afterImg.lastMarkdown.includes(`](${afterImg.uploads[0]})`));

    // Drop an image file onto the text.
    const box = await page.evaluate(() => {
      const r = [...document.querySelectorAll('.folio-editor__content p')].pop()!.getBoundingClientRect();
      return { x: r.left + 4, y: r.top + r.height / 2 };
    });
    await page.evaluate(async ({ x, y }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 40;
      canvas.height = 40;
      canvas.getContext('2d')!.fillRect(0, 0, 40, 40);
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
      const target = document.elementFromPoint(x, y) ?? document.querySelector('.folio-editor__content')!;
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, clientX: x, clientY: y, bubbles: true, cancelable: true }));
    }, box);
    await page.waitForTimeout(400);
    check('dropped image is uploaded too', (await harness(page)).uploads.length === 2, (await harness(page)).uploads);

    // --- Toolbar and keyboard access
    await caretToEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('toolbar target');
    await page.evaluate(() => {
      const e = (
        window as unknown as {
          __harness: {
            handle: {
              getEditor: () => {
                state: { selection: { to: number } };
                commands: { setTextSelection: (r: { from: number; to: number }) => void };
              };
            };
          };
        }
      ).__harness.handle.getEditor();
      const to = e.state.selection.to;
      e.commands.setTextSelection({ from: to - 'toolbar target'.length, to });
    });
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+Shift+h');
    await page.waitForTimeout(80);
    check(
      'Ctrl-B / Ctrl-Shift-H apply marks',
      (await markdown(page)).includes('**==toolbar target==**'),
      (await markdown(page)).split('\n').slice(-2)[0],
    );
    await page.keyboard.press('Alt+F10');
    const focused1 = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const focused2 = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
    const backInText = await page.evaluate(() => document.activeElement?.classList.contains('folio-editor__content'));
    check(
      'Alt-F10 reaches the toolbar, arrows move, Escape returns',
      !!focused1 && focused1 !== focused2 && backInText === true,
      { focused1, focused2, backInText },
    );
    await page.keyboard.press('Control+Alt+k');
    await page.waitForSelector('.folio-link-editor input');
    await page.keyboard.type('example.org/page');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(80);
    check(
      'Ctrl-Alt-K link editor sets a link (https:// added)',
      (await markdown(page)).includes('](https://example.org/page)'),
      (await markdown(page)).split('\n').slice(-2)[0],
    );
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Alt+t');
    await page.keyboard.type('x');
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await page.waitForTimeout(80);
    const tableCols = await page.evaluate(
      () => [...document.querySelectorAll('.folio-editor__content table')].pop()?.querySelectorAll('tr:first-child > *').length,
    );
    check('Ctrl-Alt-T inserts a table, Alt-Shift-→ adds a column', tableCols === 4, tableCols);
    await caretToEnd(page);
    await page.keyboard.type('private words');
    await page.locator('[aria-label="Private block (never published)"]').click();
    await page.waitForTimeout(80);
    check(
      'toolbar private block wraps the paragraph',
      (await markdown(page)).endsWith(':::private\nprivate words\n:::\n'),
      (await markdown(page)).slice(-120),
    );

    // --- Light/dark screenshots of the sample, focus mode
    await setMarkdown(
      page,
      (await page.evaluate(() =>
        fetch('/@fs' + '/work/main/packages/ui/src/journal/editor/test-fixtures/sample-entry.md')
          .then((r) => r.text())
          .catch(() => ''),
      )) || '# sample missing',
    );
    await page.evaluate(() => document.querySelector('.harness__editor')?.scrollTo(0, 0));
    await page.locator('.folio-editor__content h2').first().click();
    await page.locator('label:has-text("focus mode") input').check();
    await page.waitForTimeout(250);
    const focusInfo = await page.evaluate(() => ({
      mode: document.querySelector('.folio-editor')?.classList.contains('folio-editor--focus'),
      current: document.querySelector('.is-current-block')?.textContent?.slice(0, 30),
    }));
    check('focus mode marks the current block', !!focusInfo.mode && !!focusInfo.current, focusInfo);
    await page.screenshot({ path: path.join(outDir, 'light-focus.png') });
    await page.locator('label:has-text("focus mode") input').uncheck();
    await page.locator('label:has-text("dark") input').check();
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(outDir, 'dark.png') });
    await page.evaluate(() => {
      const el = [...document.querySelectorAll('.folio-editor__content pre')].pop();
      el?.scrollIntoView({ block: 'start' });
    });
    await page.evaluate(() => document.querySelector('.folio-editor__content table')?.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(outDir, 'dark-table.png') });
    await page.locator('label:has-text("focus mode") input').check();
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(outDir, 'dark-focus.png') });
    await page.locator('label:has-text("focus mode") input').uncheck();
    await page.locator('label:has-text("dark") input').uncheck();

    // --- Read-only: links open instead of editing
    await page.locator('label:has-text("read-only") input').check();
    await page.waitForTimeout(100);
    await page.locator('.folio-editor__content .folio-wikilink').first().click();
    await page.locator('.folio-editor__content a[href^="https://example.org/notes"]').first().click();
    const opened = (await harness(page)).opened;
    check(
      'read-only: wikilink and URL clicks go to onOpenLink, page does not navigate',
      opened.some((o) => o.startsWith('wikilink:')) &&
        opened.some((o) => o.startsWith('url:https://example.org/notes')) &&
        page.url().startsWith(url),
      opened,
    );
    await page.locator('label:has-text("read-only") input').uncheck();

    // --- Cost of onChange on a 5,000-word entry
    const bench = await page.evaluate(() =>
      (window as unknown as { __harness: { bench: (n: number) => Promise<unknown> } }).__harness.bench(5000),
    );
    check('5,000-word document benchmark', true, bench);

    const errs = pageErrors.filter((e) => !/Download the React DevTools/.test(e));
    check('no page errors or console errors/warnings', errs.length === 0, errs.slice(0, 10));
    const h = await harness(page);
    check('no editor errors reported via onError', h.errors.length === 0, h.errors);
  } finally {
    await browser.close();
    await server?.close();
  }

  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length}/${results.length} checks passed. Screenshots in ${outDir}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
