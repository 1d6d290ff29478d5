import type { Editor } from '@tiptap/core';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { LinkSuggestion } from './editor-bridge';
import { EntryEditor } from './EntryEditor';
import type { EntryEditorHandle, EntryEditorProps } from './EntryEditor';

afterEach(() => cleanup());

function setup(overrides: Partial<EntryEditorProps> = {}) {
  const ref = createRef<EntryEditorHandle>();
  const onChange = vi.fn<(md: string) => void>();
  const onUploadImage = vi.fn(async (file: File) => ({ src: `folio://blobs/sha256/${file.name.length}abc.png`, alt: 'shot' }));
  const searchLinks = vi.fn(async (q: string): Promise<LinkSuggestion[]> => [
    { id: 'e1', title: `Attention ${q}`, kind: 'entry', subtitle: '2025-01-02' },
    { id: 'p1', title: 'FlashAttention-3', kind: 'paper', target: '@dao2024' },
  ]);
  const onWordCount = vi.fn();
  const onOpenLink = vi.fn();
  const props: EntryEditorProps = {
    markdown: '# Title\n\nHello **world** #tag\n',
    onChange,
    onUploadImage,
    searchLinks,
    onWordCount,
    onOpenLink,
    ...overrides,
  };
  const utils = render(<EntryEditor ref={ref} {...props} />);
  const editor = () => ref.current!.getEditor() as Editor;
  return { ref, onChange, onUploadImage, searchLinks, onWordCount, onOpenLink, editor, props, ...utils };
}

function paste(editor: Editor, data: Record<string, string>, files: File[] = []) {
  const dt = new DataTransfer();
  for (const [type, value] of Object.entries(data)) dt.setData(type, value);
  for (const f of files) dt.items.add(f);
  const event = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
  act(() => {
    editor.view.dom.dispatchEvent(event);
  });
}

describe('EntryEditor', () => {
  it('renders the markdown and reports its word count', async () => {
    const { container, ref, onWordCount } = setup();
    expect(container.querySelector('h1')?.textContent).toBe('Title');
    expect(container.querySelector('strong')?.textContent).toBe('world');
    expect(ref.current!.getMarkdown()).toBe('# Title\n\nHello **world** #tag\n');
    await waitFor(() => expect(onWordCount).toHaveBeenLastCalledWith({ words: 4, characters: 21, charactersNoSpaces: 19 }));
  });

  it('autoFocus takes the keyboard as it mounts, caret at the end, without waiting for a timer or a frame', () => {
    const { container, editor } = setup({ autoFocus: true });
    const content = container.querySelector('.folio-editor__content')!;
    expect(content.contains(document.activeElement)).toBe(true);
    expect(editor().state.selection.from).toBe(editor().state.doc.content.size - 1);
  });

  it('without autoFocus the editor leaves the focus alone', () => {
    const { container } = setup();
    expect(container.querySelector('.folio-editor__content')!.contains(document.activeElement)).toBe(false);
  });

  it('styles #tags without changing the text', () => {
    const { container } = setup({ markdown: 'a #tag and #series/one and C# and #1\n' });
    const tags = Array.from(container.querySelectorAll('.folio-tag')).map((el) => el.getAttribute('data-tag'));
    expect(tags).toEqual(['tag', 'series/one']);
  });

  it('emits markdown on every change', () => {
    const { ref, onChange } = setup();
    act(() => {
      ref.current!.focus('end');
      ref.current!.insertText(' more');
    });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0]).toBe('# Title\n\nHello **world** #tag more\n');
  });

  it('inserts markdown as formatted content', () => {
    const { ref, onChange } = setup({ markdown: '' });
    act(() => {
      ref.current!.insertMarkdown('## Plan\n\n- [ ] write ==tests==\n- [x] [[Attention Kernel Log]]\n');
    });
    expect(onChange.mock.lastCall![0]).toBe('## Plan\n\n- [ ] write ==tests==\n- [x] [[Attention Kernel Log]]\n');
  });

  it('does not reset the document when the caller echoes the markdown back', () => {
    const { ref, rerender, props } = setup();
    act(() => {
      ref.current!.focus('end');
      ref.current!.insertText('!');
    });
    const md = ref.current!.getMarkdown();
    const selection = ref.current!.getEditor()!.state.selection.from;
    rerender(<EntryEditor ref={ref} {...props} markdown={md} />);
    expect(ref.current!.getEditor()!.state.selection.from).toBe(selection);
  });

  it('replaces the document when given different markdown, outside the undo history', async () => {
    const { ref, rerender, props, container, onChange } = setup();
    rerender(<EntryEditor ref={ref} {...props} markdown={'Another entry\n'} />);
    await waitFor(() => expect(container.querySelector('h1')).toBeNull());
    expect(ref.current!.getMarkdown()).toBe('Another entry\n');
    expect(onChange).not.toHaveBeenCalled();
    act(() => {
      ref.current!.getEditor()!.commands.undo();
    });
    expect(ref.current!.getMarkdown()).toBe('Another entry\n');
  });

  it('sanitises pasted HTML before parsing it', () => {
    const { editor, onChange, container } = setup({ markdown: '' });
    paste(editor(), {
      'text/html':
        '<p onclick="steal()">Pasted <b>bold</b> <a href="javascript:alert(1)">bad link</a> <a href="https://ok.example">good link</a></p><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"><iframe src="https://evil.example"></iframe>',
      'text/plain': 'Pasted bold bad link good link',
    });
    const md = onChange.mock.lastCall![0];
    expect(md).toContain('Pasted **bold**');
    expect(md).toContain('[good link](https://ok.example)');
    expect(md).not.toMatch(/javascript|onerror|onclick|script|iframe/i);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(
      container.querySelector('.folio-editor__content [onclick], .folio-editor__content script, .folio-editor__content iframe'),
    ).toBeNull();
  });

  it('pastes markdown-looking plain text as formatting', () => {
    const { editor, onChange } = setup({ markdown: '' });
    paste(editor(), { 'text/plain': '# Heading\n\n- one **two**\n- [[Page]]\n' });
    expect(onChange.mock.lastCall![0]).toBe('# Heading\n\n- one **two**\n- [[Page]]\n');
  });

  it('pastes ordinary text as text', () => {
    const { editor, onChange } = setup({ markdown: '' });
    paste(editor(), { 'text/plain': 'Prices went up 2*3 times' });
    expect(onChange.mock.lastCall![0]).toBe('Prices went up 2\\*3 times\n');
  });

  it('uploads pasted images and inserts the returned src', async () => {
    const { editor, onChange, onUploadImage } = setup({ markdown: 'Before\n' });
    act(() => {
      editor().commands.focus('end');
    });
    paste(editor(), {}, [new File([new Uint8Array([137, 80, 78, 71])], 'screen.png', { type: 'image/png' })]);
    expect(onUploadImage).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onChange.mock.lastCall?.[0]).toBe('Before![shot](folio://blobs/sha256/10abc.png)\n'));
  });

  it('stores the file of a copied image rather than hot-linking its web URL', async () => {
    const { editor, onChange, onUploadImage } = setup({ markdown: '' });
    paste(editor(), { 'text/html': '<meta charset="utf-8"><img src="https://cdn.example/cat.png" alt="cat">' }, [
      new File([new Uint8Array([1, 2, 3])], 'image.png', { type: 'image/png' }),
    ]);
    expect(onUploadImage).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onChange.mock.lastCall?.[0]).toBe('![shot](folio://blobs/sha256/9abc.png)\n'));
  });

  it('shows images through resolveImageSrc but keeps the stored src, also through copy/paste', () => {
    const { container, editor, onChange } = setup({
      markdown: '![chart](folio://blobs/sha256/abc.png)\n',
      resolveImageSrc: (src) => src.replace('folio://blobs/', 'http://127.0.0.1:1/blob/'),
    });
    const img = container.querySelector('img.folio-image')!;
    expect(img.getAttribute('src')).toBe('http://127.0.0.1:1/blob/sha256/abc.png');
    expect(img.getAttribute('data-folio-src')).toBe('folio://blobs/sha256/abc.png');
    act(() => {
      editor().commands.focus('end');
    });
    paste(editor(), { 'text/html': `<p>copy ${img.outerHTML}</p>` });
    expect(onChange.mock.lastCall![0]).toBe(
      '![chart](folio://blobs/sha256/abc.png)copy ![chart](folio://blobs/sha256/abc.png)\n',
    );
  });

  it('reports a failed upload and removes the placeholder', async () => {
    const onError = vi.fn();
    const { editor, container } = setup({
      markdown: 'x\n',
      onUploadImage: () => Promise.reject(new Error('disk full')),
      onError,
    });
    paste(editor(), {}, [new File(['x'], 'a.png', { type: 'image/png' })]);
    expect(container.querySelector('.folio-upload-placeholder')).not.toBeNull();
    await waitFor(() => expect(onError).toHaveBeenCalled());
    expect(container.querySelector('.folio-upload-placeholder')).toBeNull();
  });

  it('autocompletes wikilinks after [[', async () => {
    const { ref, editor, searchLinks, onChange } = setup({ markdown: 'See \n' });
    act(() => {
      editor().commands.focus('end');
      ref.current!.insertText('[[Kern');
    });
    await waitFor(() => expect(searchLinks).toHaveBeenCalledWith('Kern'));
    const option = await waitFor(() => {
      const el = document.querySelector('[role="option"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(option.textContent).toContain('Attention Kern');
    expect(document.querySelectorAll('[role="option"]')).toHaveLength(3); // entry, paper, "link to Kern"
    act(() => {
      editor().view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    act(() => {
      editor().view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onChange.mock.lastCall![0]).toBe('See [[@dao2024]]\n');
    expect(document.querySelector('[role="listbox"]')).toBeNull();
  });

  it('opens wikilinks on click', () => {
    const { container, onOpenLink } = setup({ markdown: 'go to [[Target Page|there]]\n' });
    const chip = container.querySelector('[data-wikilink]') as HTMLElement;
    expect(chip.textContent).toBe('there');
    act(() => {
      chip.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      chip.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      chip.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
    });
    expect(onOpenLink).toHaveBeenCalledWith('Target Page', 'wikilink');
  });

  it('never renders javascript: links as live hrefs', () => {
    const { container } = setup({ markdown: '[x](javascript:alert(1)) and [y](https://ok.example)\n' });
    const hrefs = Array.from(container.querySelectorAll('.folio-editor__content a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['', 'https://ok.example']);
  });

  it('toggles private blocks and serialises them', () => {
    const { ref, editor, onChange } = setup({ markdown: 'secret plans\n' });
    act(() => {
      editor().commands.focus('end');
      editor().commands.togglePrivateBlock();
    });
    expect(onChange.mock.lastCall![0]).toBe(':::private\nsecret plans\n:::\n');
    act(() => {
      editor().commands.togglePrivateBlock();
    });
    expect(ref.current!.getMarkdown()).toBe('secret plans\n');
  });

  it('marks the current block in focus mode', () => {
    const { container, ref, rerender, props } = setup({ markdown: 'one\n\ntwo\n' });
    rerender(<EntryEditor ref={ref} {...props} markdown={'one\n\ntwo\n'} focusMode />);
    act(() => {
      ref.current!.focus('end');
    });
    expect(container.querySelector('.folio-editor')!.classList.contains('folio-editor--focus')).toBe(true);
    const current = container.querySelectorAll('.is-current-block');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toBe('two');
  });

  it('is read-only on request: no toolbar, not editable', () => {
    const { container, editor } = setup({ readOnly: true });
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
    expect(editor().isEditable).toBe(false);
    expect(container.querySelector('[contenteditable="false"]')).not.toBeNull();
  });

  it('has an accessible toolbar: labelled buttons, shortcuts, one tab stop', () => {
    const { container } = setup();
    const toolbar = container.querySelector('[role="toolbar"]')!;
    expect(toolbar.getAttribute('aria-label')).toBe('Formatting');
    const buttons = Array.from(toolbar.querySelectorAll('button'));
    expect(buttons.length).toBeGreaterThan(15);
    for (const b of buttons) expect(b.getAttribute('aria-label')).toBeTruthy();
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    const bold = toolbar.querySelector('[aria-label="Bold"]')!;
    expect(bold.getAttribute('aria-keyshortcuts')).toMatch(/\+B$/);
  });

  it('applies toolbar commands', () => {
    const { container, editor, onChange } = setup({ markdown: 'word\n' });
    act(() => {
      editor().commands.selectAll();
    });
    act(() => {
      (container.querySelector('[aria-label="Highlight"]') as HTMLButtonElement).click();
    });
    expect(onChange.mock.lastCall![0]).toBe('==word==\n');
    act(() => {
      (container.querySelector('[aria-label="Task list"]') as HTMLButtonElement).click();
    });
    expect(onChange.mock.lastCall![0]).toBe('- [ ] ==word==\n');
  });
});
