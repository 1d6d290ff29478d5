import { useEffect, useState, type ReactNode } from 'react';
import type { ScaleSetting } from './reader-controller';

export type ReaderTool = 'select' | 'area' | 'note';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

const icons = {
  sidebar: (
    <Icon>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M6 2.5v11" />
    </Icon>
  ),
  minus: (
    <Icon>
      <path d="M3.5 8h9" />
    </Icon>
  ),
  plus: (
    <Icon>
      <path d="M3.5 8h9M8 3.5v9" />
    </Icon>
  ),
  select: (
    <Icon>
      <path d="M4 3h2.5M4 13h2.5M5.25 3v10M9 5.5h4M9 8h4M9 10.5h3" />
    </Icon>
  ),
  area: (
    <Icon>
      <path d="M2.5 5V2.5H5M11 2.5h2.5V5M13.5 11v2.5H11M5 13.5H2.5V11" />
      <rect x="5.5" y="5.5" width="5" height="5" rx=".5" />
    </Icon>
  ),
  note: (
    <Icon>
      <path d="M2.5 2.5h11v7l-4 4h-7z" />
      <path d="M9.5 13.5v-4h4" />
    </Icon>
  ),
  moon: (
    <Icon>
      <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" />
    </Icon>
  ),
  search: (
    <Icon>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5l3 3" />
    </Icon>
  ),
};

function scaleLabel(scale: number): string {
  return `${Math.round(scale * 100)}%`;
}

export interface ReaderToolbarProps {
  page: number;
  pageCount: number;
  scale: number;
  scaleSetting: ScaleSetting;
  tool: ReaderTool;
  darkPages: boolean;
  sidebarOpen: boolean;
  findOpen: boolean;
  canSelectText: boolean;
  onToggleSidebar(): void;
  onGoToPage(page: number): void;
  onZoom(direction: 1 | -1): void;
  onScale(setting: ScaleSetting): void;
  onTool(tool: ReaderTool): void;
  onToggleDark(): void;
  onToggleFind(): void;
}

const SCALE_CHOICES: { value: string; label: string }[] = [
  { value: 'page-width', label: 'Fit width' },
  { value: 'page-fit', label: 'Fit page' },
  { value: 'auto', label: 'Automatic' },
  ...[0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4].map((v) => ({ value: String(v), label: scaleLabel(v) })),
];

export function ReaderToolbar(p: ReaderToolbarProps) {
  const [pageText, setPageText] = useState(String(p.page));
  useEffect(() => setPageText(String(p.page)), [p.page]);
  const selectValue =
    typeof p.scaleSetting === 'string'
      ? p.scaleSetting
      : SCALE_CHOICES.some((c) => c.value === String(p.scaleSetting))
        ? String(p.scaleSetting)
        : 'custom';

  const submitPage = () => {
    const n = Number.parseInt(pageText, 10);
    if (Number.isFinite(n) && n !== p.page) p.onGoToPage(n);
    else setPageText(String(p.page));
  };

  return (
    <div className="folio-toolbar" role="toolbar" aria-label="Reader">
      <button
        type="button"
        className="folio-btn folio-btn--icon"
        aria-pressed={p.sidebarOpen}
        onClick={p.onToggleSidebar}
        title="Sidebar"
      >
        {icons.sidebar}
      </button>
      <div className="folio-toolbar__group folio-toolbar__pages">
        <input
          className="folio-toolbar__page-input"
          aria-label="Page"
          inputMode="numeric"
          value={pageText}
          onChange={(e) => setPageText(e.target.value.replace(/[^0-9]/g, ''))}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // Enter always jumps (back to the top of the page when it is the current one).
            const n = Number.parseInt(pageText, 10);
            if (Number.isFinite(n)) p.onGoToPage(n);
            else setPageText(String(p.page));
          }}
          onBlur={submitPage}
          onFocus={(e) => e.currentTarget.select()}
        />
        <span className="folio-toolbar__count">/ {p.pageCount || '–'}</span>
      </div>
      <div className="folio-toolbar__group">
        <button
          type="button"
          className="folio-btn folio-btn--icon"
          onClick={() => p.onZoom(-1)}
          title="Zoom out (Ctrl −)"
          aria-label="Zoom out"
        >
          {icons.minus}
        </button>
        <select
          className="folio-toolbar__zoom"
          aria-label="Zoom"
          value={selectValue}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'page-width' || v === 'page-fit' || v === 'auto') p.onScale(v);
            else if (v !== 'custom') p.onScale(Number(v));
          }}
        >
          {selectValue === 'custom' && <option value="custom">{scaleLabel(p.scale)}</option>}
          {SCALE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
              {c.value === selectValue && typeof p.scaleSetting === 'string' ? ` (${scaleLabel(p.scale)})` : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="folio-btn folio-btn--icon"
          onClick={() => p.onZoom(1)}
          title="Zoom in (Ctrl +)"
          aria-label="Zoom in"
        >
          {icons.plus}
        </button>
      </div>
      <div className="folio-toolbar__group folio-toolbar__tools" role="radiogroup" aria-label="Tool">
        {(
          [
            ['select', 'Select text to highlight', icons.select],
            ['area', 'Highlight a region (drag a rectangle)', icons.area],
            ['note', 'Place a sticky note (click on the page)', icons.note],
          ] as const
        ).map(([tool, title, icon]) => (
          <button
            key={tool}
            type="button"
            role="radio"
            aria-checked={p.tool === tool}
            className="folio-btn folio-btn--icon"
            title={title}
            aria-label={title}
            onClick={() => p.onTool(tool)}
            data-tool={tool}
          >
            {icon}
          </button>
        ))}
      </div>
      <div className="folio-toolbar__spacer" />
      <button
        type="button"
        className="folio-btn folio-btn--icon"
        aria-pressed={p.darkPages}
        onClick={p.onToggleDark}
        title="Dark pages"
        aria-label="Dark pages"
      >
        {icons.moon}
      </button>
      <button
        type="button"
        className="folio-btn folio-btn--icon"
        aria-pressed={p.findOpen}
        onClick={p.onToggleFind}
        title="Find (Ctrl F)"
        aria-label="Find"
        disabled={!p.canSelectText}
      >
        {icons.search}
      </button>
    </div>
  );
}
