import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { RuleCheckDto, StampArtDto, StampDto, StampSourcesDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Field } from '../components/Field';
import { issuesOf } from '../tracking/format';
import './stamps.css';

type RuleObject = Record<string, unknown> & { kind: string };

const KINDS: [string, string][] = [
  ['count', 'Reach a number of things'],
  ['total', 'Reach a total amount'],
  ['streak', 'Keep a streak'],
  ['dailyMetric', 'A daily stat, N days'],
  ['periodMetric', 'A week’s or month’s stat'],
  ['first', 'The first time'],
  ['habit', 'Keep a habit'],
  ['all', 'All of several rules (JSON)'],
];

const TEMPLATES: Record<string, RuleObject> = {
  count: { kind: 'count', source: 'papers.finished', target: 10, window: { type: 'calendarMonth' } },
  total: { kind: 'total', source: 'time.focus', target: 50, unit: 'hours' },
  streak: { kind: 'streak', source: 'journal.entry', days: 7 },
  dailyMetric: { kind: 'dailyMetric', metric: 'vegetables', op: '>=', value: 1, days: 7, consecutive: true },
  periodMetric: { kind: 'periodMetric', metric: 'mood', period: 'week', aggregate: 'avg', op: '>=', value: 4 },
  first: { kind: 'first', source: 'papers.highlight' },
  habit: { kind: 'habit', habit: '', periods: 4 },
  all: {
    kind: 'all',
    rules: [
      { kind: 'first', source: 'papers.added' },
      { kind: 'streak', source: 'journal.entry', days: 3 },
    ],
  },
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** One input of the rule form; its error comes from the live check (`path` inside the rule). */
function RuleField({
  label,
  path,
  issues,
  children,
  hint,
}: {
  label: string;
  path: string;
  issues: Record<string, string>;
  children: (id: string, d?: string) => ReactNode;
  hint?: string;
}) {
  return (
    <Field label={label} error={issues[path]} hint={hint}>
      {children}
    </Field>
  );
}

function SourceSelect({
  value,
  onChange,
  sources,
  id,
  d,
}: {
  value: string;
  onChange(v: string): void;
  sources: StampSourcesDto;
  id: string;
  d?: string;
}) {
  const fam = value.includes(':') ? value.slice(0, value.indexOf(':')) : '';
  const families = sources.sources.filter((s) => s.parameter);
  const fixed = sources.sources.filter((s) => !s.parameter);
  const param = fam ? value.slice(fam.length + 1) : '';
  const paramOptions =
    fam === 'metric'
      ? sources.metrics.map((m) => [m.id, m.name])
      : fam === 'habit'
        ? sources.habits.map((h) => [h.id, h.name])
        : fam === 'time.category'
          ? sources.categories.map((c) => [c.id, c.name])
          : fam === 'journal.kind'
            ? sources.journalKinds.map((k) => [k, k])
            : [];
  return (
    <div className="source-select">
      <select
        id={id}
        aria-describedby={d}
        value={fam ? `${fam}:` : value}
        onChange={(e) =>
          onChange(e.target.value.endsWith(':') ? `${e.target.value}${paramOptions[0]?.[0] ?? ''}` : e.target.value)
        }
      >
        {fixed.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
            {s.available ? '' : ' (no data yet)'}
          </option>
        ))}
        {families.map((s) => (
          <option key={s.id} value={s.id.replace(/<[^>]+>$/, '')}>
            {s.label}…
          </option>
        ))}
      </select>
      {fam && (
        <select aria-label="Which one" value={param} onChange={(e) => onChange(`${fam}:${e.target.value}`)}>
          {!paramOptions.some(([k]) => k === param) && <option value={param}>{param || '—'}</option>}
          {paramOptions.map(([k, n]) => (
            <option key={k} value={k}>
              {n}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function WindowSelect({
  rule,
  set,
  issues,
}: {
  rule: RuleObject;
  set(k: string, v: unknown): void;
  issues: Record<string, string>;
}) {
  const w = (rule.window as { type: string; days?: number } | undefined) ?? { type: 'allTime' };
  return (
    <>
      <RuleField label="Within" path="window" issues={issues}>
        {(id) => (
          <select
            id={id}
            value={w.type}
            onChange={(e) =>
              set(
                'window',
                e.target.value === 'allTime'
                  ? undefined
                  : e.target.value === 'rollingDays'
                    ? { type: 'rollingDays', days: 30 }
                    : { type: e.target.value },
              )
            }
          >
            <option value="allTime">all time</option>
            <option value="calendarWeek">one calendar week</option>
            <option value="calendarMonth">one calendar month</option>
            <option value="calendarYear">one calendar year</option>
            <option value="rollingDays">N days in a row</option>
          </select>
        )}
      </RuleField>
      {w.type === 'rollingDays' && (
        <RuleField label="Days" path="window.days" issues={issues}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              value={String(w.days ?? '')}
              onChange={(e) => set('window', { type: 'rollingDays', days: Number(e.target.value) })}
            />
          )}
        </RuleField>
      )}
    </>
  );
}

function numberInput(rule: RuleObject, key: string, set: (k: string, v: unknown) => void) {
  const NumberInput = (id: string, d?: string) => (
    <input
      id={id}
      aria-describedby={d}
      type="number"
      step="any"
      value={rule[key] === undefined ? '' : String(rule[key])}
      onChange={(e) => set(key, e.target.value === '' ? undefined : Number(e.target.value))}
    />
  );
  return NumberInput;
}

function RuleForm({
  rule,
  set,
  sources,
  issues,
}: {
  rule: RuleObject;
  set(k: string, v: unknown): void;
  sources: StampSourcesDto;
  issues: Record<string, string>;
}) {
  const src = (
    <RuleField label="What" path="source" issues={issues}>
      {(id, d) => (
        <SourceSelect id={id} d={d} value={String(rule.source ?? '')} onChange={(v) => set('source', v)} sources={sources} />
      )}
    </RuleField>
  );
  const metric = (
    <RuleField label="Daily stat" path="metric" issues={issues}>
      {(id, d) => (
        <select id={id} aria-describedby={d} value={String(rule.metric ?? '')} onChange={(e) => set('metric', e.target.value)}>
          {!sources.metrics.some((m) => m.id === rule.metric) && (
            <option value={String(rule.metric ?? '')}>{String(rule.metric ?? '') || '—'} (missing)</option>
          )}
          {sources.metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      )}
    </RuleField>
  );
  const op = (
    <RuleField label="Is" path="op" issues={issues}>
      {(id) => (
        <select id={id} value={String(rule.op ?? '>=')} onChange={(e) => set('op', e.target.value)}>
          <option value=">=">at least</option>
          <option value=">">more than</option>
          <option value="<=">at most</option>
          <option value="<">less than</option>
          <option value="==">exactly</option>
        </select>
      )}
    </RuleField>
  );
  const durationHint =
    sources.metrics.find((m) => m.id === rule.metric)?.kind === 'duration' ? 'in minutes (7 h = 420)' : undefined;
  switch (rule.kind) {
    case 'count':
      return (
        <>
          {src}
          <RuleField label="How many" path="target" issues={issues}>
            {numberInput(rule, 'target', set)}
          </RuleField>
          <WindowSelect rule={rule} set={set} issues={issues} />
        </>
      );
    case 'total':
      return (
        <>
          {src}
          <RuleField label="Total" path="target" issues={issues}>
            {numberInput(rule, 'target', set)}
          </RuleField>
          <RuleField label="Unit" path="unit" issues={issues}>
            {(id) => (
              <select id={id} value={String(rule.unit ?? '')} onChange={(e) => set('unit', e.target.value || undefined)}>
                <option value="">its own</option>
                <option value="hours">hours</option>
                <option value="minutes">minutes</option>
                <option value="words">words</option>
                <option value="value">value</option>
              </select>
            )}
          </RuleField>
          <WindowSelect rule={rule} set={set} issues={issues} />
        </>
      );
    case 'streak': {
      const unit = rule.weeks !== undefined ? 'weeks' : rule.months !== undefined ? 'months' : 'days';
      return (
        <>
          {src}
          <RuleField label="In a row" path={unit} issues={issues}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                type="number"
                value={String(rule[unit] ?? '')}
                onChange={(e) => set(unit, e.target.value === '' ? undefined : Number(e.target.value))}
              />
            )}
          </RuleField>
          <RuleField label="Periods" path="period" issues={issues}>
            {(id) => (
              <select
                id={id}
                value={unit}
                onChange={(e) => {
                  const n = rule[unit];
                  set('days', undefined);
                  set('weeks', undefined);
                  set('months', undefined);
                  set(e.target.value, n ?? 1);
                }}
              >
                <option value="days">days</option>
                <option value="weeks">weeks</option>
                <option value="months">months</option>
              </select>
            )}
          </RuleField>
          <RuleField label="At least, each" path="atLeast" issues={issues} hint="empty: any activity">
            {numberInput(rule, 'atLeast', set)}
          </RuleField>
          <RuleField label="Counting" path="measure" issues={issues}>
            {(id) => (
              <select
                id={id}
                value={String(rule.measure ?? 'count')}
                onChange={(e) => set('measure', e.target.value === 'count' ? undefined : e.target.value)}
              >
                <option value="count">how many</option>
                <option value="sum">how much</option>
              </select>
            )}
          </RuleField>
        </>
      );
    }
    case 'dailyMetric':
      return (
        <>
          {metric}
          {op}
          <RuleField label="Value" path="value" issues={issues} hint={durationHint}>
            {numberInput(rule, 'value', set)}
          </RuleField>
          <RuleField label="On how many days" path="days" issues={issues}>
            {numberInput(rule, 'days', set)}
          </RuleField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={rule.consecutive !== false}
              onChange={(e) => set('consecutive', e.target.checked ? true : false)}
            />{' '}
            in a row
          </label>
          {rule.consecutive === false && <WindowSelect rule={rule} set={set} issues={issues} />}
        </>
      );
    case 'periodMetric':
      return (
        <>
          {metric}
          <RuleField label="A" path="period" issues={issues}>
            {(id) => (
              <select id={id} value={String(rule.period ?? 'week')} onChange={(e) => set('period', e.target.value)}>
                <option value="week">week’s</option>
                <option value="month">month’s</option>
              </select>
            )}
          </RuleField>
          <RuleField label="Of" path="aggregate" issues={issues}>
            {(id) => (
              <select id={id} value={String(rule.aggregate ?? 'avg')} onChange={(e) => set('aggregate', e.target.value)}>
                <option value="avg">average</option>
                <option value="sum">total</option>
                <option value="min">lowest day</option>
                <option value="max">highest day</option>
              </select>
            )}
          </RuleField>
          {op}
          <RuleField label="Value" path="value" issues={issues} hint={durationHint}>
            {numberInput(rule, 'value', set)}
          </RuleField>
          <RuleField label="Periods in a row" path="periods" issues={issues}>
            {numberInput(rule, 'periods', set)}
          </RuleField>
          <RuleField label="Logged days needed" path="minDays" issues={issues} hint="empty: every day">
            {numberInput(rule, 'minDays', set)}
          </RuleField>
        </>
      );
    case 'first':
      return src;
    case 'habit':
      return (
        <>
          <RuleField label="Habit" path="habit" issues={issues}>
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                value={String(rule.habit ?? '')}
                onChange={(e) => set('habit', e.target.value)}
              >
                <option value="">Choose a habit…</option>
                {sources.habits.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            )}
          </RuleField>
          <RuleField label="Periods in a row" path="periods" issues={issues}>
            {numberInput(rule, 'periods', set)}
          </RuleField>
        </>
      );
    default:
      return <p className="faint">Edit this rule as JSON below.</p>;
  }
}

export interface StampEditorProps {
  stamp?: StampDto;
  sources: StampSourcesDto;
  onClose(saved?: StampDto): void;
}

/** Creates or edits a stamp: its name, its rule (a form, or JSON) checked live, and its picture. */
export function StampEditor({ stamp, sources, onClose }: StampEditorProps) {
  const api = useApi();
  const [name, setName] = useState(stamp?.name ?? '');
  const [description, setDescription] = useState(stamp?.description ?? '');
  const [rule, setRule] = useState<RuleObject>((stamp?.rule as RuleObject | undefined) ?? TEMPLATES.count!);
  const [json, setJson] = useState(JSON.stringify(rule, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [art, setArt] = useState<StampArtDto>(
    stamp?.art ?? {
      type: 'pixel',
      spec: { text: 'My stamp', subtext: '', icon: 'star', palette: 'ink', background: 'gradient' },
    },
  );
  const [check, setCheck] = useState<RuleCheckDto | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const set = (k: string, v: unknown) =>
    setRule((r) => {
      const next = { ...r } as RuleObject;
      if (v === undefined) delete next[k];
      else next[k] = v;
      setJson(JSON.stringify(next, null, 2));
      return next;
    });

  const debouncedRule = useDebounced(rule, 250);
  useEffect(() => {
    let live = true;
    api.call('stamps:check-rule', { rule: debouncedRule }).then(
      (r) => live && setCheck(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, debouncedRule]);

  const spec = art.type === 'pixel' ? art.spec : null;
  const debouncedSpec = useDebounced(spec, 200);
  useEffect(() => {
    if (!debouncedSpec) return;
    let live = true;
    const clean = { ...debouncedSpec, ...(debouncedSpec.subtext ? {} : { subtext: undefined }) };
    api.call('stamps:badge', { spec: clean, scale: 3 }).then(
      (r) => live && setPreview(r.dataUrl),
      (err: unknown) =>
        live &&
        setErrors((e) => ({ ...e, ...Object.fromEntries(Object.entries(issuesOf(err)).map(([k, v]) => [`art.${k}`, v])) })),
    );
    return () => {
      live = false;
    };
  }, [api, debouncedSpec]);

  const issues = useMemo(() => {
    const out: Record<string, string> = {};
    for (const i of check?.issues ?? []) out[i.path] ??= i.message;
    for (const [k, v] of Object.entries(errors)) if (k.startsWith('rule.')) out[k.slice(5)] ??= v;
    return out;
  }, [check, errors]);

  const setSpec = (k: string, v: string) => {
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !key.startsWith('art.'))));
    setArt((a) =>
      a.type === 'pixel' ? { type: 'pixel', spec: { ...a.spec, [k]: v || undefined, text: k === 'text' ? v : a.spec.text } } : a,
    );
  };

  const upload = async (f: File) => {
    try {
      const r = await api.upload(f);
      setArt({ type: 'image', file: r.sha256, alt: name ? `${name} stamp` : '' });
      setErrors((e) => ({ ...e, 'art.file': '' }));
    } catch (err) {
      setErrors((e) => ({ ...e, 'art.file': (err as Error).message }));
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const art2 =
        art.type === 'pixel'
          ? {
              type: 'pixel' as const,
              spec: Object.fromEntries(Object.entries(art.spec).filter(([, v]) => v !== undefined && v !== '')),
            }
          : art;
      const saved = await api.call('stamps:save', { ...(stamp ? { id: stamp.id } : {}), name, description, rule, art: art2 });
      onClose(saved);
    } catch (err) {
      setErrors(issuesOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stamp-editor" onSubmit={(e) => void save(e)} noValidate>
      <div className="stamp-editor-grid">
        <div>
          <Field label="Name" error={errors.name}>
            {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
          </Field>
          <Field label="Description">
            {(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <h3>Rule</h3>
          <Field label="Kind" error={issues.kind}>
            {(id, d) => (
              <select
                id={id}
                aria-describedby={d}
                value={rule.kind}
                onChange={(e) => {
                  const next = TEMPLATES[e.target.value] ?? { kind: e.target.value };
                  setRule(next);
                  setJson(JSON.stringify(next, null, 2));
                }}
              >
                {KINDS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="rule-fields">
            <RuleForm rule={rule} set={set} sources={sources} issues={issues} />
          </div>
          <div className={`rule-preview${check?.broken ? ' is-broken' : ''}`} aria-live="polite" data-testid="rule-preview">
            {check?.description && <p className="rule-text">“{check.description}”</p>}
            {check?.broken && <p className="broken">Broken: {check.broken}</p>}
            {check?.preview && (
              <p className="faint">
                Now: {check.preview.earned ? `already earned (${check.preview.earnedAt})` : check.preview.detail}
              </p>
            )}
            {check && !check.ok && (
              <p className="broken">
                {check.issues[0]?.path ? `${check.issues[0].path}: ` : ''}
                {check.issues[0]?.message}
              </p>
            )}
          </div>
          <details className="rule-json">
            <summary>Rule as JSON</summary>
            <textarea
              aria-label="Rule as JSON"
              value={json}
              spellCheck={false}
              rows={8}
              onChange={(e) => {
                setJson(e.target.value);
                try {
                  const v = JSON.parse(e.target.value) as RuleObject;
                  setRule(v);
                  setJsonError(null);
                } catch (err) {
                  setJsonError((err as Error).message);
                }
              }}
            />
            {jsonError && <div className="field-error">Not valid JSON yet: {jsonError}</div>}
          </details>
        </div>
        <div>
          <h3>Picture</h3>
          <div className="art-choice" role="radiogroup" aria-label="Picture">
            <label className="checkbox">
              <input
                type="radio"
                name="art"
                checked={art.type === 'pixel'}
                onChange={() =>
                  setArt({
                    type: 'pixel',
                    spec: { text: name.slice(0, 40) || 'My stamp', icon: 'star', palette: 'ink', background: 'gradient' },
                  })
                }
              />{' '}
              A Folio badge
            </label>
            <label className="checkbox">
              <input type="radio" name="art" checked={art.type === 'image'} onChange={() => file.current?.click()} /> My own image
            </label>
            <input
              ref={file}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              hidden
              onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
            />
          </div>
          <div className="art-preview">
            {art.type === 'pixel' ? (
              preview && <img src={preview} width={264} height={93} alt="Badge preview" className="stamp-img" />
            ) : (
              <img
                src={api.blobUrl(art.file)}
                width={176}
                height={62}
                alt={art.alt ?? 'Your image'}
                className="stamp-img custom"
              />
            )}
          </div>
          {errors['art.file'] && <div className="field-error">{errors['art.file']}</div>}
          {spec && (
            <div className="trk-form">
              <Field label="Title" error={errors['art.spec.text']}>
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    value={spec.text}
                    maxLength={40}
                    onChange={(e) => setSpec('text', e.target.value)}
                  />
                )}
              </Field>
              <Field label="Subtitle" error={errors['art.spec.subtext']}>
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    value={spec.subtext ?? ''}
                    maxLength={40}
                    onChange={(e) => setSpec('subtext', e.target.value)}
                  />
                )}
              </Field>
              <Field label="Icon">
                {(id) => (
                  <select id={id} value={spec.icon ?? ''} onChange={(e) => setSpec('icon', e.target.value)}>
                    <option value="">none</option>
                    {sources.icons.map((i) => (
                      <option key={i} value={i}>
                        {i}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Colours">
                {(id) => (
                  <select
                    id={id}
                    value={typeof spec.palette === 'string' ? spec.palette : 'ink'}
                    onChange={(e) => setSpec('palette', e.target.value)}
                  >
                    {sources.palettes.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Background">
                {(id) => (
                  <select id={id} value={spec.background ?? 'gradient'} onChange={(e) => setSpec('background', e.target.value)}>
                    {sources.backgrounds.map((b) => (
                      <option key={b} value={b}>
                        {b}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          )}
          {art.type === 'image' && (
            <Field label="Alt text">
              {(id) => <input id={id} value={art.alt ?? ''} onChange={(e) => setArt({ ...art, alt: e.target.value })} />}
            </Field>
          )}
        </div>
      </div>
      <div className="trk-form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {stamp ? 'Save stamp' : 'Create stamp'}
        </button>
        <button type="button" className="button" onClick={() => onClose()}>
          Cancel
        </button>
        {stamp && stamp.earned && JSON.stringify(stamp.rule) !== JSON.stringify(rule) && (
          <span className="faint">Changing the rule judges this stamp again.</span>
        )}
      </div>
    </form>
  );
}
