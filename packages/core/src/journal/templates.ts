// Built-in kinds and templates, and the placeholders templates may use.
import type { EntryProperties, FieldDef } from '../contract/journal';
import { isoWeek, longDate, weekStart, addDays, weekdayName } from './dates';

export interface BuiltinKind {
  key: string;
  name: string;
  fields: FieldDef[];
  publicByDefault: boolean;
  onePerDay: boolean;
  /** The built-in template new entries of this kind start from. */
  templateKey: string | null;
  sort: number;
}

export interface BuiltinTemplate {
  key: string;
  name: string;
  kind: string;
  title: string;
  body: string;
  properties: EntryProperties;
}

export const BUILTIN_KINDS: BuiltinKind[] = [
  { key: 'daily', name: 'Daily note', fields: [], publicByDefault: false, onePerDay: true, templateKey: 'daily', sort: 0 },
  {
    key: 'post',
    name: 'Post',
    fields: [
      { name: 'summary', type: 'text', label: 'Summary' },
      { name: 'slug', type: 'text', label: 'Slug' },
    ],
    publicByDefault: true,
    onePerDay: false,
    templateKey: 'post',
    sort: 1,
  },
  {
    key: 'weekly',
    name: 'Weekly review',
    fields: [{ name: 'week', type: 'text', label: 'Week' }],
    publicByDefault: false,
    onePerDay: false,
    templateKey: 'weekly',
    sort: 2,
  },
  {
    key: 'meeting',
    name: 'Meeting note',
    fields: [
      { name: 'attendees', type: 'list', label: 'Attendees' },
      { name: 'place', type: 'text', label: 'Place' },
    ],
    publicByDefault: false,
    onePerDay: false,
    templateKey: 'meeting',
    sort: 3,
  },
  {
    key: 'paper',
    name: 'Paper note',
    fields: [
      { name: 'paper', type: 'link', label: 'Paper' },
      { name: 'authors', type: 'list', label: 'Authors' },
      { name: 'year', type: 'number', label: 'Year' },
    ],
    publicByDefault: false,
    onePerDay: false,
    templateKey: 'paper',
    sort: 4,
  },
  { key: 'note', name: 'Note', fields: [], publicByDefault: false, onePerDay: false, templateKey: null, sort: 5 },
];

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  { key: 'daily', name: 'Daily note', kind: 'daily', title: '{{date}}', body: '', properties: {} },
  { key: 'post', name: 'Post', kind: 'post', title: '', body: '', properties: {} },
  {
    key: 'weekly',
    name: 'Weekly review',
    kind: 'weekly',
    title: 'Week {{week}}',
    body: '## What I did\n\n- \n\n## Deficits\n\n- \n\n## Goals for next week\n\n- [ ] \n',
    properties: { week: '{{week}}' },
  },
  {
    key: 'meeting',
    name: 'Meeting',
    kind: 'meeting',
    title: 'Meeting {{date}}',
    body: '## What happened\n\n- \n\n## Things to do\n\n- [ ] \n',
    properties: { attendees: [], place: '' },
  },
  {
    key: 'paper',
    name: 'Paper note',
    kind: 'paper',
    title: '',
    body: '## Key claims\n\n- \n\n## Questions\n\n- \n',
    properties: { paper: '', authors: [], year: null },
  },
];

export interface TemplateVars {
  date: string;
  time: string;
  title?: string;
}

/**
 * Fills `{{date}}` (YYYY-MM-DD), `{{date:long}}`, `{{time}}`, `{{weekday}}`, `{{week}}` (ISO, 2026-W48),
 * `{{weekStart}}`/`{{weekEnd}}` (Monday/Sunday), `{{year}}`, `{{month}}`, `{{day}}`, `{{title}}`.
 * Unknown placeholders stay as written.
 */
export function fillPlaceholders(text: string, vars: TemplateVars): string {
  if (!text.includes('{{')) return text;
  const values: Record<string, string> = {
    date: vars.date,
    'date:long': longDate(vars.date),
    time: vars.time,
    weekday: weekdayName(vars.date),
    week: isoWeek(vars.date),
    weekstart: weekStart(vars.date),
    weekend: addDays(weekStart(vars.date), 6),
    year: vars.date.slice(0, 4),
    month: vars.date.slice(5, 7),
    day: vars.date.slice(8, 10),
    title: vars.title ?? '',
  };
  return text.replace(/\{\{\s*([\w:]+)\s*\}\}/g, (all, name: string) => values[name.toLowerCase()] ?? all);
}

function fillValue(value: unknown, vars: TemplateVars): unknown {
  if (typeof value === 'string') return fillPlaceholders(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillValue(v, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, vars)]));
  return value;
}

export function fillProperties(props: EntryProperties, vars: TemplateVars): EntryProperties {
  return fillValue(props, vars) as EntryProperties;
}

/** A rendered title: placeholders filled, whitespace collapsed, link-breaking characters dropped. */
export function fillTitle(pattern: string, vars: TemplateVars): string {
  return fillPlaceholders(pattern, vars)
    .replace(/\[\[|\]\]|\|/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
