/**
 * A generated notebook for the search benches: ten years of daily notes plus five posts a week
 * (~6,200 entries, ~3M words), one paragraph in three Chinese. English paragraphs are sentences from
 * the repository's own search-quality corpus and generated-paper filler, with words swapped from a
 * Zipf-weighted vocabulary so paragraphs rarely repeat; Chinese paragraphs are drawn from a list of
 * everyday words written for this bench. Deterministic (seeded).
 */
import { SENTENCES } from '@folio/core/testing';
import { loadCorpus } from './search-quality';

export function rng(seed: number): (k: number) => number {
  let s = seed >>> 0;
  return (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * k);
  };
}

const ZH_WORDS = (
  '今天 明天 昨天 早上 中午 晚上 周末 天气 下雨 晴天 咖啡 早饭 午饭 晚饭 朋友 家人 父母 同学 老师 导师 ' +
  '论文 实验 数据 模型 代码 调试 训练 结果 图表 会议 报告 讨论 计划 目标 进度 申请 材料 推荐信 面试 录取 ' +
  '学校 课程 作业 考试 复习 阅读 笔记 写作 日记 想法 问题 答案 方法 思路 灵感 跑步 游泳 健身 散步 睡觉 ' +
  '休息 心情 开心 难过 焦虑 平静 疲惫 忙碌 轻松 安静 城市 公园 地铁 火车 飞机 旅行 酒店 博物馆 书店 电影 ' +
  '音乐 钢琴 吉他 做饭 面包 蛋糕 超市 买菜 房间 打扫 整理 搬家 工作 公司 同事 项目 需求 上线 周报 总结 ' +
  '反思 习惯 坚持 放弃 开始 结束 继续 等待 希望 担心 记得 忘记 发现 决定 准备 完成 修改 提交 截止 评审'
).split(' ');

const ZH_PUNCT = ['，', '，', '，', '。', '；', '、'];

/** Words of the English sentences, Zipf-weighted by rank of first appearance. */
function englishSources(): { sentences: string[]; vocab: string[] } {
  const sentences = [...SENTENCES];
  for (const d of loadCorpus()) sentences.push(...d.text.split(/(?<=[.!?])\s+/).filter((s) => s.split(' ').length >= 5));
  const seen = new Map<string, number>();
  for (const s of sentences) for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) seen.set(w, (seen.get(w) ?? 0) + 1);
  const vocab = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return { sentences, vocab };
}

export interface GeneratedEntry {
  kind: 'daily' | 'post';
  date: string;
  title: string;
  body: string;
  words: number;
}

export interface GenerateOptions {
  seed?: number;
  years?: number;
  /** Share of Chinese paragraphs (default 1/3). */
  chineseShare?: number;
}

/** English paragraph of about `n` words. */
function englishParagraph(rand: (k: number) => number, src: { sentences: string[]; vocab: string[] }, n: number): string {
  const out: string[] = [];
  let words = 0;
  while (words < n) {
    const s = src.sentences[rand(src.sentences.length)]!.split(' ');
    for (let i = 0; i < s.length; i++) {
      // Swap one word in five for a vocabulary word (Zipf-ish: squared uniform favours frequent words).
      if (rand(5) === 0) {
        const r = rand(1_000_000) / 1_000_000;
        s[i] = src.vocab[Math.floor(r * r * src.vocab.length)]!;
      }
    }
    out.push(s.join(' '));
    words += s.length;
  }
  return out.join(' ');
}

/** Chinese paragraph of about `n` characters. */
function chineseParagraph(rand: (k: number) => number, n: number): string {
  let p = '';
  while (p.length < n) {
    p += ZH_WORDS[rand(ZH_WORDS.length)]!;
    if (rand(5) === 0) p += ZH_PUNCT[rand(ZH_PUNCT.length)]!;
  }
  return `${p}。`;
}

function body(
  rand: (k: number) => number,
  src: { sentences: string[]; vocab: string[] },
  words: number,
  zhShare: number,
): { text: string; words: number } {
  const paras: string[] = [];
  let left = words;
  let count = 0;
  let heading = 0;
  while (left > 0) {
    const n = Math.min(left, 40 + rand(80));
    left -= n;
    count += n;
    if (rand(6) === 0) paras.push(`## ${['Morning', 'Work', 'Reading', 'Evening', 'Ideas', '想法', '计划'][heading++ % 7]}`);
    paras.push(rand(1000) < zhShare * 1000 ? chineseParagraph(rand, n) : englishParagraph(rand, src, n));
  }
  return { text: paras.join('\n\n'), words: count };
}

/** Ten years (by default) of daily notes and five posts a week. */
export function generateNotebook(opts: GenerateOptions = {}): GeneratedEntry[] {
  const rand = rng(opts.seed ?? 7);
  const src = englishSources();
  const zh = opts.chineseShare ?? 1 / 3;
  const start = Math.floor(Date.UTC(2016, 0, 1) / 86_400_000);
  const days = Math.round((opts.years ?? 10) * 365.25);
  const out: GeneratedEntry[] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date((start + d) * 86_400_000).toISOString().slice(0, 10);
    const daily = body(rand, src, 250 + rand(200), zh);
    out.push({ kind: 'daily', date, title: date, body: daily.text, words: daily.words });
    const dow = (start + d + 4) % 7; // 1970-01-01 was a Thursday
    if (dow >= 1 && dow <= 5) {
      const post = body(rand, src, 450 + rand(500), zh);
      const title =
        rand(3) === 0
          ? `${ZH_WORDS[rand(ZH_WORDS.length)]}${ZH_WORDS[rand(ZH_WORDS.length)]}`
          : englishParagraph(rand, src, 4).split(' ').slice(0, 5).join(' ');
      out.push({ kind: 'post', date, title, body: post.text, words: post.words });
    }
  }
  return out;
}

/** Twenty queries, half English (words, phrases, prefixes, several words), half Chinese (1–4 characters). */
export const BENCH_QUERIES = [
  'paper',
  'attention cache',
  '"learning rate"',
  'kern*',
  'throughput',
  'sourdough starter',
  'memory bandwidth',
  'deadline',
  'gradient clipping',
  'retrieval evaluation',
  '申请',
  '论文',
  '实验',
  '今天天气',
  '周末',
  '跑步',
  '推荐信',
  '会议',
  '朋友 咖啡',
  '写作 paper',
];
