import { applyAccent, isSpacingAccent } from './text-fixes';

/**
 * Page geometry from pdf.js text items: runs -> lines -> segments. Coordinates are in points with
 * the origin at the page's top-left (y grows downwards) and `y` is a run's baseline.
 */

export interface TextRun {
  text: string;
  x: number;
  y: number;
  /** Advance along the text direction. */
  width: number;
  /** Font size (the glyphs' height), in points. */
  size: number;
  font: string;
  /** Text direction in degrees, 0 = left to right; the arXiv side stamp is -90. */
  angle: number;
  /** pdf.js saw a line break after this run. */
  eol: boolean;
}

export type RunRole = 'normal' | 'sup' | 'sub';

export interface PlacedRun extends TextRun {
  role: RunRole;
}

/** Runs on one line that sit close together: a column's part of a line, or one cell of a grid. */
export interface LineSegment {
  text: string;
  x0: number;
  x1: number;
  size: number;
  font: string;
  runs: PlacedRun[];
}

export interface TextLine {
  /** Baseline of the line's main text. */
  y: number;
  x0: number;
  x1: number;
  /** Font size of most of the line's characters. */
  size: number;
  font: string;
  text: string;
  segments: LineSegment[];
}

/** Text set at an angle, e.g. the arXiv stamp in the left margin. */
export interface RotatedText {
  text: string;
  x: number;
  y: number;
  angle: number;
  size: number;
}

export interface PageLayout {
  /** 0-based. */
  pageIndex: number;
  width: number;
  height: number;
  lines: TextLine[];
  rotated: RotatedText[];
  /** Non-whitespace characters on the page. */
  charCount: number;
  /** Font size of most characters on the page (the body text), 0 without text. */
  bodySize: number;
}

/** Gap, in ems, beyond which two runs on one baseline belong to different segments (columns, grid cells). */
const SEGMENT_GAP_EM = 1.2;
/** Gap, in ems, beyond which a space is inserted between runs. */
const SPACE_GAP_EM = 0.15;

export function isHorizontal(run: TextRun): boolean {
  return Math.abs(run.angle) < 2;
}

export interface JoinOptions {
  /** What to do with superscripts and subscripts: keep their text, drop them, or put `separator`. */
  marks?: 'keep' | 'drop' | 'separator';
  separator?: string;
}

/**
 * Joins runs of one line (sorted left to right) into text, inserting spaces from the geometry and
 * putting spacing accents that overlap a neighbouring glyph onto that glyph.
 */
export function joinRuns(runs: readonly PlacedRun[], opts: JoinOptions = {}): string {
  const marks = opts.marks ?? 'keep';
  const separator = opts.separator ?? ';';
  let out = '';
  let prevEnd: number | null = null;
  let pendingSpace = false;
  for (const run of runs) {
    let text = run.text;
    const end = run.x + run.width;
    if (run.role !== 'normal' && marks !== 'keep') {
      if (marks === 'separator') out += separator;
      else pendingSpace = true;
      prevEnd = end;
      continue;
    }
    if (prevEnd !== null && out.length > 0) {
      const gap = run.x - prevEnd;
      const overlap = gap < -0.1 * run.size;
      const last = out.at(-1);
      const first = text[0];
      if (overlap && isSpacingAccent(last) && first !== undefined && /\p{L}/u.test(first)) {
        // TeX order: the accent is drawn first, over the letter that follows.
        out = out.slice(0, -1);
        text = applyAccent(first, last!) + text.slice(1);
      } else if (overlap && isSpacingAccent(first) && last !== undefined && /\p{L}/u.test(last)) {
        out = out.slice(0, -1) + applyAccent(last, first!);
        text = text.slice(1);
      } else if ((pendingSpace || gap > SPACE_GAP_EM * run.size) && !/\s$/.test(out) && !/^\s/.test(text)) {
        out += ' ';
      }
    }
    pendingSpace = false;
    out += text;
    prevEnd = end;
  }
  return out;
}

function dominant<T>(runs: readonly TextRun[], key: (r: TextRun) => T): T | undefined {
  const weights = new Map<T, number>();
  for (const r of runs) {
    const k = key(r);
    weights.set(k, (weights.get(k) ?? 0) + Math.max(1, r.text.trim().length));
  }
  let best: T | undefined;
  let bestWeight = -1;
  for (const [k, w] of weights) {
    if (w > bestWeight) {
      best = k;
      bestWeight = w;
    }
  }
  return best;
}

const roundSize = (size: number) => Math.round(size * 10) / 10;

/** Groups horizontal runs into lines by baseline, then each line into segments by horizontal gaps. */
export function buildLines(input: readonly TextRun[]): TextLine[] {
  const runs = input.filter((r) => isHorizontal(r) && r.text.trim() !== '' && r.size > 0);
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  interface Draft {
    y: number;
    size: number;
    runs: TextRun[];
  }
  const drafts: Draft[] = [];
  for (const run of runs) {
    let best: Draft | null = null;
    let bestDelta = Infinity;
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      const delta = Math.abs(run.y - d.y);
      if (run.y - d.y > 40) break; // sorted by y: older lines are further up
      // A superscript sits ~0.35em above the baseline, a subscript ~0.2em below.
      if (delta <= 0.5 * Math.max(run.size, d.size) && delta < bestDelta) {
        best = d;
        bestDelta = delta;
      }
    }
    if (best) {
      best.runs.push(run);
      if (run.size > best.size * 1.05) {
        best.size = run.size;
        best.y = run.y;
      }
    } else {
      drafts.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  const lines = drafts.map((d) => finishLine(d.runs));
  lines.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  return lines;
}

function finishLine(runs: TextRun[]): TextLine {
  runs.sort((a, b) => a.x - b.x);
  const size = dominant(runs, (r) => roundSize(r.size)) ?? runs[0]!.size;
  const font = dominant(runs, (r) => r.font) ?? runs[0]!.font;
  const baseline =
    dominant(
      runs.filter((r) => Math.abs(r.size - size) < 0.15 * size),
      (r) => Math.round(r.y * 2) / 2,
    ) ?? runs[0]!.y;
  const placed: PlacedRun[] = runs.map((r) => {
    let role: RunRole = 'normal';
    if (r.size < 0.85 * size) {
      if (baseline - r.y > 0.12 * size) role = 'sup';
      else if (r.y - baseline > 0.1 * size) role = 'sub';
    }
    return { ...r, role };
  });
  const segments: LineSegment[] = [];
  let current: PlacedRun[] = [];
  let currentEnd = -Infinity;
  const flush = () => {
    if (current.length > 0) segments.push(makeSegment(current));
    current = [];
  };
  for (const run of placed) {
    if (current.length > 0 && run.x - currentEnd > SEGMENT_GAP_EM * Math.max(size, run.size)) flush();
    current.push(run);
    currentEnd = Math.max(currentEnd, run.x + run.width);
  }
  flush();
  return {
    y: baseline,
    x0: Math.min(...placed.map((r) => r.x)),
    x1: Math.max(...placed.map((r) => r.x + r.width)),
    size,
    font,
    text: segments.map((s) => s.text).join('  '),
    segments,
  };
}

function makeSegment(runs: PlacedRun[]): LineSegment {
  const normal = runs.filter((r) => r.role === 'normal');
  const basis = normal.length > 0 ? normal : runs;
  return {
    text: joinRuns(runs),
    x0: runs[0]!.x,
    x1: Math.max(...runs.map((r) => r.x + r.width)),
    size: dominant(basis, (r) => roundSize(r.size)) ?? runs[0]!.size,
    font: dominant(basis, (r) => r.font) ?? runs[0]!.font,
    runs,
  };
}

/** Joins rotated runs that continue each other (same angle, same line across the page) in reading order. */
export function buildRotated(input: readonly TextRun[]): RotatedText[] {
  const runs = input.filter((r) => !isHorizontal(r) && r.text.trim() !== '');
  const groups = new Map<string, TextRun[]>();
  for (const run of runs) {
    const angle = Math.round(run.angle);
    const rad = (angle * Math.PI) / 180;
    // Distance from the origin perpendicular to the text direction identifies the rotated "line".
    const across = Math.round(-run.x * Math.sin(rad) + run.y * Math.cos(rad));
    const key = `${angle}:${Math.round(across / 3)}`;
    const group = groups.get(key) ?? [];
    group.push(run);
    groups.set(key, group);
  }
  const out: RotatedText[] = [];
  for (const group of groups.values()) {
    const angle = group[0]!.angle;
    const rad = (angle * Math.PI) / 180;
    const along = (r: TextRun) => r.x * Math.cos(rad) + r.y * Math.sin(rad);
    group.sort((a, b) => along(a) - along(b));
    let text = '';
    let prevEnd: number | null = null;
    for (const r of group) {
      const start = along(r);
      if (prevEnd !== null && start - prevEnd > SPACE_GAP_EM * r.size && !/\s$/.test(text)) text += ' ';
      text += r.text;
      prevEnd = start + r.width;
    }
    out.push({ text, x: group[0]!.x, y: group[0]!.y, angle, size: Math.max(...group.map((r) => r.size)) });
  }
  return out;
}

export function layoutPage(pageIndex: number, width: number, height: number, runs: readonly TextRun[]): PageLayout {
  const lines = buildLines(runs);
  let charCount = 0;
  for (const r of runs) charCount += r.text.replace(/\s+/g, '').length;
  const bodySize = runs.length > 0 ? (dominant(runs.filter(isHorizontal), (r) => roundSize(r.size)) ?? 0) : 0;
  return { pageIndex, width, height, lines, rotated: buildRotated(runs), charCount, bodySize };
}

/**
 * Page text for indexing, in the order the PDF draws it (for most papers that is reading order,
 * column by column): a newline where the baseline changes, spaces from gaps.
 */
export function runsToText(runs: readonly TextRun[]): string {
  let out = '';
  let prev: TextRun | null = null;
  let line: PlacedRun[] = [];
  const flush = () => {
    if (line.length > 0) out += (out ? '\n' : '') + joinRuns(line);
    line = [];
  };
  for (const run of runs) {
    if (run.text === '' && !run.eol) continue;
    const horizontal = isHorizontal(run);
    const sameLine =
      prev !== null &&
      !prev.eol &&
      horizontal &&
      isHorizontal(prev) &&
      Math.abs(run.y - prev.y) <= 0.5 * Math.max(run.size, prev.size) &&
      run.x >= prev.x - 0.5 * run.size;
    if (!sameLine) flush();
    if (run.text !== '') {
      const role: RunRole =
        prev && sameLine && run.size < 0.85 * prev.size && prev.y - run.y > 0.12 * prev.size ? 'sup' : 'normal';
      line.push({ ...run, role });
    }
    prev = run;
  }
  flush();
  return out;
}
