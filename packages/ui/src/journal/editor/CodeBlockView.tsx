import { NodeViewContent, NodeViewWrapper } from '@tiptap/react';
import type { ReactNodeViewProps } from '@tiptap/react';

import { CODE_LANGUAGES } from './code-languages';

/** Code block with a language picker; highlighting comes from the lowlight decorations. */
export function CodeBlockView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const language = (node.attrs.language as string | null) ?? '';
  const known = CODE_LANGUAGES.some((l) => l.value === language);
  return (
    <NodeViewWrapper className="folio-code-block" data-language={language || undefined}>
      <select
        className="folio-code-block__language"
        contentEditable={false}
        aria-label="Code language"
        value={language}
        disabled={!editor.isEditable}
        onChange={(e) => updateAttributes({ language: e.target.value || null })}
      >
        {!known && <option value={language}>{language}</option>}
        {CODE_LANGUAGES.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </select>
      <pre spellCheck={false}>
        <NodeViewContent<'code'> as="code" className={language ? `hljs language-${language}` : 'hljs'} />
      </pre>
    </NodeViewWrapper>
  );
}
