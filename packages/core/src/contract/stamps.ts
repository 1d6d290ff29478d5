import { z } from 'zod';
import { method } from './rpc';

// The stamps domain's calls ('stamps:verb'), their payload schemas and DTOs.
//
// A stamp is an achievement: a name, a picture (an 88×31 pixel badge Folio draws, or the user's own
// image), a rule (declarative JSON, see `StampRuleDto`), its progress, and once earned the day and the
// evidence (which days and items earned it). Rules arrive as plain JSON and are validated by the
// domain, whose messages land on the rule's fields (`rule.target`, `rule.window.days`...).

export type RuleWindowDto =
  | { type: 'allTime' }
  | { type: 'calendarWeek' }
  | { type: 'calendarMonth' }
  | { type: 'calendarYear' }
  | { type: 'rollingDays'; days: number };

type Op = '>=' | '>' | '<=' | '<' | '==';

/** The rule DSL (mirrors stamps/engine/rules.ts; the domain validates it). Durations are minutes. */
export type StampRuleDto =
  | { kind: 'count'; source: string; target: number; window?: RuleWindowDto }
  | { kind: 'total'; source: string; target: number; unit?: 'minutes' | 'hours' | 'words' | 'value'; window?: RuleWindowDto }
  | {
      kind: 'streak';
      source: string;
      days?: number;
      weeks?: number;
      months?: number;
      atLeast?: number;
      measure?: 'count' | 'sum';
    }
  | { kind: 'dailyMetric'; metric: string; op: Op; value: number; days: number; consecutive?: boolean; window?: RuleWindowDto }
  | {
      kind: 'periodMetric';
      metric: string;
      period: 'week' | 'month';
      aggregate: 'sum' | 'avg' | 'min' | 'max';
      op: Op;
      value: number;
      minDays?: number;
      periods?: number;
    }
  | { kind: 'first'; source: string }
  | { kind: 'habit'; habit: string; periods: number }
  | { kind: 'all'; rules: StampRuleDto[] };

export interface BadgeSpecDto {
  text: string;
  subtext?: string;
  icon?: string;
  palette?: string | Record<string, string>;
  background?: 'solid' | 'gradient' | 'stripes' | 'checker' | 'dots';
}

export type StampArtDto = { type: 'pixel'; spec: BadgeSpecDto } | { type: 'image'; file: string; alt?: string };

export interface EvidenceItemDto {
  /** entry, paper, highlight, timeBlock, task, spend, metric, habit… */
  type: string;
  id: string;
  title?: string;
  day?: string;
}

export interface EvidenceDto {
  days: string[];
  items: EvidenceItemDto[];
}

/** How the UI shows a stamp's picture: a PNG data URL Folio drew, or a blob (`api.blobUrl(sha256)`). */
export interface StampImageDto {
  dataUrl?: string;
  blob?: string;
  alt: string;
}

export interface StampDto {
  id: string;
  name: string;
  description: string;
  rule: StampRuleDto;
  /** The rule in plain English. */
  ruleText: string;
  art: StampArtDto;
  image: StampImageDto;
  builtIn: boolean;
  sort: number;
  earned: boolean;
  earnedAt: string | null;
  /** 0..1 (1 once earned). */
  progress: number;
  current: number;
  target: number;
  /** "12 of 30 this month; best 25 in 2026-05". */
  detail: string;
  evidence: EvidenceDto;
  /** "7 days, 2026-06-01 – 2026-06-07 · 7 items". */
  evidenceText: string;
  /** Why the rule can never be met (a deleted metric, an impossible target); null when it can. */
  broken: string | null;
  evaluatedAt: string | null;
  /** Earned and its celebration not yet seen. */
  unseen: boolean;
}

/** One line of `folio stamps --json`. */
export interface StampJsonDto {
  name: string;
  rule: StampRuleDto;
  progress: number;
  earnedAt: string | null;
  evidence: EvidenceDto;
  /** Present only when the rule is broken: why. */
  broken?: string;
}

export interface RuleCheckDto {
  ok: boolean;
  /** Paths relative to the rule (`target`, `window.days`), for the editor's fields. */
  issues: { path: string; message: string }[];
  description: string | null;
  broken: string | null;
  /** What the rule would show over the notebook's data now. */
  preview: { progress: number; current: number; target: number; earned: boolean; earnedAt: string | null; detail: string } | null;
}

export interface StampSourcesDto {
  sources: {
    id: string;
    label: string;
    sumUnit: 'none' | 'minutes' | 'words' | 'value';
    parameter?: string;
    available: boolean;
  }[];
  metrics: { id: string; name: string; kind: string }[];
  habits: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  journalKinds: string[];
  icons: string[];
  palettes: string[];
  backgrounds: string[];
}

export interface StampExportDto {
  dir: string;
  /** The page's path. */
  index: string;
  /** Image files written beside it. */
  images: string[];
  stamps: number;
  earned: number;
}

const exportOptions = {
  includeLocked: z.boolean().optional(),
  title: z.string().trim().max(120, 'A title is at most 120 characters').optional(),
  subtitle: z.string().trim().max(200, 'A subtitle is at most 200 characters').optional(),
};

export const stampsContract = {
  'stamps:list': method(z.object({})).returns<StampDto[]>(),
  'stamps:get': method(z.object({ id: z.string().min(1, 'Which stamp?').max(120) })).returns<StampDto>(),
  /** Creates (no id) or edits a stamp. Editing the rule clears its state (an earned stamp is judged again). */
  'stamps:save': method(
    z.object({
      id: z.string().max(120).optional(),
      name: z.string().max(80, 'A name is at most 80 characters'),
      description: z.string().max(500, 'A description is at most 500 characters').optional(),
      rule: z.unknown(),
      art: z.unknown(),
    }),
  ).returns<StampDto>(),
  'stamps:delete': method(z.object({ id: z.string().min(1, 'Which stamp?').max(120) })).returns<{ id: string }>(),
  /** Live validation for the rule editor: issues per field, the rule in words, and a preview of its progress. */
  'stamps:check-rule': method(z.object({ rule: z.unknown() })).returns<RuleCheckDto>(),
  /** Draws a badge from a spec (the art editor's preview). */
  'stamps:badge': method(
    z.object({ spec: z.unknown(), locked: z.boolean().optional(), scale: z.number().int().min(1).max(8).optional() }),
  ).returns<{
    dataUrl: string;
  }>(),
  'stamps:sources': method(z.object({})).returns<StampSourcesDto>(),
  /** Writes the collection as a static page (index.html + images) into a folder. */
  'stamps:export': method(
    z.object({ dir: z.string().trim().min(1, 'Choose a folder to export to').max(4000), ...exportOptions }),
  ).returns<StampExportDto>(),
  /** The collection as one self-contained HTML file (images as data URLs), for a browser download. */
  'stamps:export-html': method(z.object(exportOptions)).returns<{ html: string; fileName: string }>(),
  /** Brings back deleted starter stamps. */
  'stamps:reset-starter': method(z.object({})).returns<StampDto[]>(),
  /** Re-evaluates every locked stamp now. */
  'stamps:recheck': method(z.object({})).returns<{
    evaluated: number;
    newlyEarned: { id: string; name: string; earnedAt: string }[];
  }>(),
  /** Marks earned stamps' celebrations as seen. */
  'stamps:seen': method(z.object({ ids: z.array(z.string().max(120)).max(1000) })).returns<{ seen: number }>(),
};

export interface StampsEvents {
  /** A stamp was just earned: the UI shows a small celebration. */
  'stamps:earned': {
    stamp: { id: string; name: string; description: string; image: StampImageDto };
    earnedAt: string;
    evidence: EvidenceDto;
    evidenceText: string;
  };
  /**
   * Activity some stamps, habits or goals may read has changed. Any domain may emit it after a write,
   * naming the source ids it touched (`journal.entry`, `papers.finished`, `metric:mood`…); stamps are
   * then re-evaluated incrementally. Domains that only emit `data:changed` are covered too (every
   * source their activity provider serves counts as touched).
   */
  'activity:changed': { sources: string[]; day?: string };
}
