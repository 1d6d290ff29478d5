import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

import type { EditorBridge, LinkSuggestion, SuggestState } from './editor-bridge';

interface Option {
  key: string;
  label: string;
  detail?: string;
  kind: 'entry' | 'paper' | 'new';
  target: string;
}

export interface WikilinkMenuProps {
  editor: Editor;
  bridge: EditorBridge;
  searchLinks: (query: string) => Promise<LinkSuggestion[]>;
}

/** The `[[` autocomplete popup: entries and papers from `searchLinks`, plus "link to new page". */
export function WikilinkMenu({ editor, bridge, searchLinks }: WikilinkMenuProps) {
  const [suggest, setSuggest] = useState<SuggestState | null>(null);
  const [results, setResults] = useState<LinkSuggestion[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const searchRef = useRef(searchLinks);
  searchRef.current = searchLinks;

  useEffect(() => {
    bridge.onSuggest = setSuggest;
    return () => {
      bridge.onSuggest = () => {};
    };
  }, [bridge]);

  const query = suggest?.query ?? null;
  const composing = suggest?.composing ?? false;
  useEffect(() => {
    if (query === null) {
      setResults([]);
      return;
    }
    // Pinyin/kana typed mid-composition is not what the user is looking for; the plugin reports
    // again once the composition has ended.
    if (composing || editor.view.composing) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchRef
        .current(query)
        .then((r) => {
          if (!cancelled) {
            setResults(r.slice(0, 8));
            setActive(0);
          }
        })
        .catch((error: unknown) => bridge.onError(error, 'searching links'));
    }, 90);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, composing, editor, bridge]);

  const options: Option[] = results.map((r) => ({
    key: `${r.kind}:${r.id}`,
    label: r.title,
    detail: r.subtitle,
    kind: r.kind,
    target: r.target ?? r.title,
  }));
  const trimmed = (query ?? '').trim();
  if (trimmed && !options.some((o) => o.target.toLowerCase() === trimmed.toLowerCase())) {
    options.push({ key: 'new', label: `Link to “${trimmed}”`, kind: 'new', target: trimmed });
  }

  const choose = (option: Option | undefined) => {
    if (!option || !suggest) return;
    editor
      .chain()
      .focus()
      .insertContentAt({ from: suggest.from, to: suggest.to }, [
        { type: 'wikilink', attrs: { target: option.target, alias: null } },
        { type: 'text', text: ' ' },
      ])
      .run();
  };

  const open = suggest !== null && options.length > 0;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const activeRef = useRef(active);
  activeRef.current = active;

  useEffect(() => {
    bridge.suggestKey = (key) => {
      const opts = optionsRef.current;
      if (!opts.length) return false;
      if (key === 'ArrowDown') setActive((a) => (a + 1) % opts.length);
      else if (key === 'ArrowUp') setActive((a) => (a - 1 + opts.length) % opts.length);
      else if (key === 'Enter' || key === 'Tab') choose(opts[Math.min(activeRef.current, opts.length - 1)]);
      else return false;
      return true;
    };
    return () => {
      bridge.suggestKey = () => false;
    };
  });

  const optionId = (i: number) => `${listId}-opt-${i}`;
  useEffect(() => {
    const dom = editor.view.dom;
    if (open) {
      dom.setAttribute('aria-expanded', 'true');
      dom.setAttribute('aria-controls', listId);
      dom.setAttribute('aria-activedescendant', optionId(Math.min(active, options.length - 1)));
    } else {
      dom.removeAttribute('aria-expanded');
      dom.removeAttribute('aria-controls');
      dom.removeAttribute('aria-activedescendant');
    }
  });

  if (!open || !suggest) return null;
  const style = { left: Math.max(8, suggest.rect.left), top: suggest.rect.bottom + 6 };
  return createPortal(
    <ul className="folio-wikilink-menu" id={listId} role="listbox" aria-label="Link to entry or paper" style={style}>
      {options.map((o, i) => (
        <li
          key={o.key}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={`folio-wikilink-menu__option${i === active ? ' is-active' : ''}`}
          onMouseDown={(e) => {
            e.preventDefault();
            choose(o);
          }}
          onMouseEnter={() => setActive(i)}
        >
          <span className={`folio-wikilink-menu__kind folio-wikilink-menu__kind--${o.kind}`} aria-hidden="true">
            {o.kind === 'paper' ? 'Paper' : o.kind === 'entry' ? 'Entry' : 'New'}
          </span>
          <span className="folio-wikilink-menu__label">{o.label}</span>
          {o.detail && <span className="folio-wikilink-menu__detail">{o.detail}</span>}
        </li>
      ))}
    </ul>,
    document.body,
  );
}
