import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './MenuButton.css';

export interface MenuItem {
  id: string;
  label: string;
  /** Smaller text beside the label. */
  hint?: string;
  /** Items with the same group are listed under one heading. */
  group?: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect(): void;
}

/** A button opening a menu of actions: arrow keys move, Enter selects, Esc or a click outside closes. */
export function MenuButton({
  label,
  items,
  className = 'button',
  align = 'start',
  ariaLabel,
}: {
  label: ReactNode;
  items: MenuItem[];
  className?: string;
  align?: 'start' | 'end';
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();
  const enabled = items.filter((i) => !i.disabled);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    setTimeout(() => list.current?.focus(), 0);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const choose = (item: MenuItem | undefined) => {
    if (!item || item.disabled) return;
    setOpen(false);
    button.current?.focus();
    item.onSelect();
  };

  let lastGroup: string | undefined;
  return (
    <div className="menu-button" ref={root}>
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        onClick={() => {
          setActive(0);
          setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setActive(0);
            setOpen(true);
          }
        }}
      >
        {label}
      </button>
      {open && (
        <ul
          id={id}
          ref={list}
          role="menu"
          tabIndex={-1}
          className={`menu-popover menu-${align}`}
          aria-activedescendant={enabled[active] ? `${id}-${enabled[active]!.id}` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, enabled.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              choose(enabled[active]);
            } else if (e.key === 'Escape' || e.key === 'Tab') {
              e.preventDefault();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          {items.map((item) => {
            const heading = item.group && item.group !== lastGroup ? item.group : null;
            lastGroup = item.group;
            const index = enabled.indexOf(item);
            return [
              heading && (
                <li key={`g-${heading}`} role="presentation" className="menu-group">
                  {heading}
                </li>
              ),
              <li
                key={item.id}
                id={`${id}-${item.id}`}
                role="menuitem"
                aria-disabled={item.disabled || undefined}
                className={`menu-item${index === active ? ' active' : ''}${item.danger ? ' danger' : ''}`}
                onMouseEnter={() => index >= 0 && setActive(index)}
                onClick={() => choose(item)}
              >
                <span>{item.label}</span>
                {item.hint && <span className="menu-hint">{item.hint}</span>}
              </li>,
            ];
          })}
        </ul>
      )}
    </div>
  );
}
