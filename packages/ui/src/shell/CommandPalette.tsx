import { useEffect, useMemo, useRef, useState } from 'react';
import { fuzzyScore, useCommands, type AppCommand } from './commands';
import { navigate } from './router';

/** Dynamic results for a query (e.g. entries by title). Shown after the matching commands. */
export type PaletteProvider = (query: string) => Promise<AppCommand[]>;

const providers = new Set<{ current: PaletteProvider }>();

/** Adds dynamic palette results while the calling component is mounted. */
export function usePaletteProvider(provider: PaletteProvider): void {
  const ref = useRef(provider);
  ref.current = provider;
  useEffect(() => {
    providers.add(ref);
    return () => {
      providers.delete(ref);
    };
  }, []);
}

function useProviderResults(query: string, open: boolean): AppCommand[] {
  const [found, setFound] = useState<{ query: string; items: AppCommand[] }>({ query: '', items: [] });
  useEffect(() => {
    if (!open || !query.trim() || providers.size === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all([...providers].map((p) => p.current(query).catch(() => [] as AppCommand[]))).then((lists) => {
        if (live) setFound({ query, items: lists.flat() });
      });
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, open]);
  return found.query === query && query.trim() ? found.items : [];
}

/** Ctrl/Cmd+K: every action in one list, filtered as you type; Enter runs, Esc closes. */
export function CommandPalette({ open, onClose }: { open: boolean; onClose(): void }) {
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const dynamic = useProviderResults(query, open);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const restoreFocus = useRef<HTMLElement | null>(null);

  // Each opening starts empty, from its first render: resetting in an effect showed the last query for a
  // moment, and keys typed right after Ctrl+K were added to it (or wiped by the late reset).
  const [shownOpen, setShownOpen] = useState(open);
  if (shownOpen !== open) {
    setShownOpen(open);
    if (open) {
      setQuery('');
      setActive(0);
    }
  }

  useEffect(() => {
    if (open) {
      restoreFocus.current = document.activeElement as HTMLElement | null;
      setTimeout(() => input.current?.focus(), 0);
    } else {
      restoreFocus.current?.focus?.();
    }
  }, [open]);

  // A modal keeps the focus: a page that focuses its editor as it finishes loading must not take the
  // keys typed into the palette.
  useEffect(() => {
    if (!open) return;
    const keep = (e: FocusEvent) => {
      const box = input.current?.closest('.palette');
      if (box && e.target instanceof Node && !box.contains(e.target)) input.current?.focus();
    };
    document.addEventListener('focusin', keep, true);
    return () => document.removeEventListener('focusin', keep, true);
  }, [open]);

  const results = useMemo(() => {
    const scored = commands
      .map((c) => ({
        c,
        s: Math.max(fuzzyScore(query, c.title), fuzzyScore(query, `${c.group} ${c.title} ${(c.keywords ?? []).join(' ')}`) * 0.8),
      }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.c);
    scored.push(...dynamic);
    const q = query.trim();
    if (q) {
      scored.push({
        id: 'search:query',
        title: `Search everything for “${q}”`,
        group: 'Search',
        run: () => navigate(`/search?q=${encodeURIComponent(q)}`),
      });
    }
    return scored.slice(0, 50);
  }, [commands, query, dynamic]);

  if (!open) return null;

  const run = (c: AppCommand | undefined) => {
    if (!c) return;
    onClose();
    void c.run();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          // Focused as it mounts, so keys typed right after Ctrl+K land here.
          autoFocus
          className="palette-input"
          placeholder="Type a command, a page, or words to search…"
          aria-label="Command"
          aria-controls="palette-list"
          aria-activedescendant={results[active] ? `palette-${results[active]!.id}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, results.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(results[active]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <ul id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
          {results.map((c, i) => (
            <li
              key={c.id}
              id={`palette-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(c)}
            >
              <span className="palette-group">{c.group}</span>
              <span className="palette-title">{c.title}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {results.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
