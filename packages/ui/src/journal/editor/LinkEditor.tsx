import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

export interface LinkEditorProps {
  editor: Editor;
  onClose: () => void;
}

/** Add "https://" to things that look like a bare domain; leave other schemes and paths alone. */
export function normalizeUrl(input: string): string {
  const url = input.trim();
  if (!url) return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('#')) return url;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(url)) return `mailto:${url}`;
  if (/^[\w-]+(\.[\w-]+)+(\/|$|\?|#|:)/.test(url)) return `https://${url}`;
  return url;
}

/** Small popover to set, change or remove the link on the selection (Mod-Alt-K). */
export function LinkEditor({ editor, onClose }: LinkEditorProps) {
  const [href, setHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? '');
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const hadLink = editor.isActive('link');
  const [pos] = useState(() => {
    try {
      const c = editor.view.coordsAtPos(editor.state.selection.from);
      return { left: c.left, top: c.bottom + 6 };
    } catch {
      return { left: 16, top: 16 };
    }
  });

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = () => {
    const url = normalizeUrl(href);
    const chain = editor.chain().focus();
    if (!url) {
      chain.extendMarkRange('link').unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    } else {
      chain.extendMarkRange('link').setLink({ href: url }).run();
    }
    onClose();
  };

  return createPortal(
    <form
      className="folio-link-editor"
      role="dialog"
      aria-label="Edit link"
      style={{ left: Math.max(8, pos.left), top: pos.top }}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor={id} className="folio-visually-hidden">
        Link address
      </label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        inputMode="url"
        placeholder="https://…"
        value={href}
        onChange={(e) => setHref(e.target.value)}
        spellCheck={false}
      />
      <button type="submit">Apply</button>
      {hadLink && (
        <button
          type="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onClose();
          }}
        >
          Remove
        </button>
      )}
      <button type="button" aria-label="Cancel" onClick={close}>
        ✕
      </button>
    </form>,
    document.body,
  );
}
