/**
 * Cost of the markdown layer on a 5,000-word entry (Node, no DOM):
 *   npx tsx packages/ui/dev/editor/bench-markdown.ts
 * Prints parse time, a cold full serialisation, and the serialisation after one keystroke (what
 * EntryEditor's onChange pays), as medians over many runs.
 */
import { EditorState, TextSelection } from '@tiptap/pm/state';

import { markdownToDoc } from '../../src/journal/editor/markdown';
import { serializeDoc } from '../../src/journal/editor/markdown-serialize';
import { docWordCount } from '../../src/journal/editor/word-count';

function longDocument(words: number): string {
  const en = 'The tiled kernel keeps the working set in shared memory so each warp reads global memory once.'.split(' ');
  const blocks: string[] = [];
  let count = 0;
  for (let i = 1; count < words; i += 1) {
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
      blocks.push(
        `${Array.from({ length: 48 }, (_, k) => en[(k + i) % en.length]).join(' ')} See [the notes](https://example.org/${i}) and \`code_${i}\`.`,
      );
      count += 54;
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const md = longDocument(5000);
const parse: number[] = [];
const cold: number[] = [];
for (let i = 0; i < 30; i += 1) {
  let doc = markdownToDoc(md);
  parse.push(time(() => (doc = markdownToDoc(md))));
  cold.push(time(() => serializeDoc(doc)));
}

const doc = markdownToDoc(md);
serializeDoc(doc);
let state = EditorState.create({ doc });
const positions: number[] = [];
doc.descendants((n, pos) => {
  if (n.type.name === 'paragraph' && n.textContent.length > 5) positions.push(pos + 2);
});
const keystroke: number[] = [];
const words: number[] = [];
for (let k = 0; k < 2000; k += 1) {
  const i = (k * 7919) % positions.length;
  const tr = state.tr.setSelection(TextSelection.create(state.doc, positions[i]!)).insertText(k % 5 ? 'x' : ' ');
  for (let j = 0; j < positions.length; j += 1) positions[j] = tr.mapping.map(positions[j]!);
  state = state.apply(tr);
  keystroke.push(time(() => serializeDoc(state.doc)));
  words.push(time(() => docWordCount(state.doc)));
}

const f = (x: number) => `${x.toFixed(3)} ms`;
console.log(`document: ${docWordCount(doc).words} words, ${md.length} markdown chars, ${doc.childCount} top-level blocks`);
console.log(`parse (md → doc):            median ${f(median(parse))}`);
console.log(`serialise, cold cache:       median ${f(median(cold))}`);
console.log(`serialise after a keystroke: median ${f(median(keystroke))}, p95 ${f(p95(keystroke))}`);
console.log(`word count after a keystroke: median ${f(median(words))}, p95 ${f(p95(words))}`);
