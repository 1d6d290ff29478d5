import { StrictMode, useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

import '../../src/styles/tokens.css';
import './harness.css';
import { EntryEditor } from '../../src/journal/editor/EntryEditor';
import type { EntryEditorHandle } from '../../src/journal/editor/EntryEditor';
import type { LinkSuggestion } from '../../src/journal/editor/editor-bridge';
import { markdownToDoc } from '../../src/journal/editor/markdown';
import { serializeDoc } from '../../src/journal/editor/markdown-serialize';
import { sanitizerMode } from '../../src/journal/editor/sanitize-html';
import { docWordCount } from '../../src/journal/editor/word-count';
import type { WordCount } from '../../src/journal/editor/word-count';
import sample from '../../src/journal/editor/test-fixtures/sample-entry.md?raw';

/**
 * Manual and scripted (check.ts) playground for EntryEditor with fake app callbacks: images are kept
 * as blob: URLs under a content-addressed folio:// name, link search runs over a fixed list.
 */

const ENTRIES: LinkSuggestion[] = [
  { id: 'e1', title: 'Attention Kernel Log', kind: 'entry', subtitle: '2025-11-02' },
  { id: 'e2', title: '读书笔记', kind: 'entry', subtitle: '2025-10-12' },
  { id: 'e3', title: 'Offer Letter', kind: 'entry', subtitle: '2025-09-30' },
  { id: 'e4', title: '论文写作计划', kind: 'entry', subtitle: '2025-11-05' },
  {
    id: 'p1',
    title: 'FlashAttention-3: Fast and Accurate Attention',
    kind: 'paper',
    subtitle: 'Shah et al. 2024',
    target: '@shah2024flashattention3',
  },
  {
    id: 'p2',
    title: 'Attention Is All You Need',
    kind: 'paper',
    subtitle: 'Vaswani et al. 2017',
    target: '@vaswani2017attention',
  },
];

const blobs = new Map<string, string>();

/** Stand-in for stored images the harness does not have (the sample entry references one). */
function missingImage(src: string): string {
  const label = src.split('/').pop() ?? 'image';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="140"><rect width="100%" height="100%" fill="#8884"/><text x="50%" y="50%" dominant-baseline="middle" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#666">${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

async function storeImage(file: File): Promise<{ src: string; alt?: string }> {
  const bytes = await file.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  const ext = file.type.split('/')[1] ?? 'bin';
  const src = `folio://blobs/sha256/${hex}.${ext}`;
  blobs.set(src, URL.createObjectURL(new Blob([bytes], { type: file.type })));
  harness.uploads.push(src);
  return { src };
}

const harness = {
  changes: 0,
  lastMarkdown: '',
  searches: [] as string[],
  uploads: [] as string[],
  opened: [] as string[],
  wordCount: null as WordCount | null,
  errors: [] as string[],
  handle: null as EntryEditorHandle | null,
  sanitizer: sanitizerMode(),
  setMarkdown: (_md: string) => {},
  bench: (words: number) => benchmark(words),
};
(window as unknown as { __harness: typeof harness }).__harness = harness;

function longDocument(words: number): string {
  const en = 'The tiled kernel keeps the working set in shared memory so each warp reads global memory once.'.split(' ');
  const blocks: string[] = [];
  let count = 0;
  let i = 0;
  while (count < words) {
    i += 1;
    if (i % 12 === 1) blocks.push(`## Section ${i}`);
    if (i % 7 === 0) {
      blocks.push(`- item **${i}** with [[Attention Kernel Log]]\n- 第${i}项：测量延迟\n  - nested ==note== #kernels`);
      count += 12;
    } else if (i % 11 === 0) {
      blocks.push('```cuda\n__global__ void k(float *x) { x[threadIdx.x] *= 2.0f; }\n```');
      count += 6;
    } else if (i % 3 === 0) {
      blocks.push(`今天把分层缓存的**基准测试**跑完了，延迟下降了*一半*，晚上继续写论文。第${i}段。`);
      count += 36;
    } else {
      const words16 = Array.from({ length: 48 }, (_, k) => en[(k + i) % en.length]).join(' ');
      blocks.push(`${words16} See [the notes](https://example.org/${i}) and \`code_${i}\`.`);
      count += 54;
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { median: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3), max: +(s[s.length - 1] ?? 0).toFixed(3) };
}

async function benchmark(words: number) {
  const md = longDocument(words);
  const t0 = performance.now();
  const parsed = markdownToDoc(md);
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  serializeDoc(parsed);
  const serializeColdMs = performance.now() - t1;
  harness.setMarkdown(md);
  await new Promise((r) => setTimeout(r, 50));
  const editor = harness.handle!.getEditor()!;
  const wc = docWordCount(editor.state.doc);
  editor.commands.focus('end');
  const serialize: number[] = [];
  const wordCount: number[] = [];
  const keystroke: number[] = [];
  for (let k = 0; k < 200; k += 1) {
    // tr.doc is the document the editor is about to hold: only the edited paragraph (and its
    // ancestors) are new nodes, so this is exactly the work onChange does after a keystroke.
    const tr = editor.state.tr.insertText(k % 10 === 9 ? ' ' : 'x');
    const ts = performance.now();
    serializeDoc(tr.doc);
    serialize.push(performance.now() - ts);
    const tw = performance.now();
    docWordCount(tr.doc);
    wordCount.push(performance.now() - tw);
    // A second, real keystroke: the whole dispatch (ProseMirror, decorations, DOM, onChange).
    const td = performance.now();
    editor.view.dispatch(editor.state.tr.insertText('y'));
    keystroke.push(performance.now() - td);
  }
  return {
    words: wc.words,
    markdownChars: md.length,
    parseMs: +parseMs.toFixed(2),
    serializeColdMs: +serializeColdMs.toFixed(2),
    serializeAfterKeystrokeMs: stats(serialize),
    wordCountAfterKeystrokeMs: stats(wordCount),
    keystrokeDispatchMs: stats(keystroke),
  };
}

function App() {
  const [markdown, setMarkdown] = useState(sample);
  const [output, setOutput] = useState(sample);
  const [focusMode, setFocusMode] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  const [dark, setDark] = useState(false);
  const [count, setCount] = useState<WordCount | null>(null);
  const ref = useRef<EntryEditorHandle>(null);
  harness.setMarkdown = setMarkdown;

  const onChange = useCallback((md: string) => {
    harness.changes += 1;
    harness.lastMarkdown = md;
    setOutput(md);
  }, []);
  const searchLinks = useCallback(async (q: string) => {
    harness.searches.push(q);
    const needle = q.trim().toLowerCase();
    return ENTRIES.filter(
      (e) => !needle || e.title.toLowerCase().includes(needle) || (e.target ?? '').toLowerCase().includes(needle),
    );
  }, []);
  const resolveImageSrc = useCallback(
    (src: string) => blobs.get(src) ?? (src.startsWith('folio://') ? missingImage(src) : src),
    [],
  );
  const theme = useMemo(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    return dark ? 'dark' : 'light';
  }, [dark]);

  return (
    <div className="harness">
      <header className="harness__bar">
        <strong>Editor harness</strong>
        <label>
          <input type="checkbox" checked={focusMode} onChange={(e) => setFocusMode(e.target.checked)} /> focus mode
        </label>
        <label>
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> read-only
        </label>
        <label>
          <input type="checkbox" checked={dark} onChange={(e) => setDark(e.target.checked)} /> dark ({theme})
        </label>
        <button type="button" onClick={() => setMarkdown(sample)}>
          reset
        </button>
        <span className="harness__count" data-testid="word-count">
          {count ? `${count.words.toLocaleString()} words · ${count.charactersNoSpaces.toLocaleString()} chars` : ''}
        </span>
      </header>
      <main className="harness__main">
        <section className="harness__editor">
          <EntryEditor
            ref={(h) => {
              ref.current = h;
              harness.handle = h;
            }}
            markdown={markdown}
            onChange={onChange}
            onUploadImage={storeImage}
            resolveImageSrc={resolveImageSrc}
            searchLinks={searchLinks}
            onOpenLink={(target, kind) => harness.opened.push(`${kind}:${target}`)}
            onOpenTag={(tag) => harness.opened.push(`tag:${tag}`)}
            onWordCount={(c) => {
              harness.wordCount = c;
              setCount(c);
            }}
            onError={(error, context) => harness.errors.push(`${context}: ${String(error)}`)}
            focusMode={focusMode}
            onFocusModeChange={setFocusMode}
            readOnly={readOnly}
            autoFocus
          />
        </section>
        <aside className="harness__output">
          <pre data-testid="markdown-output">{output}</pre>
        </aside>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
