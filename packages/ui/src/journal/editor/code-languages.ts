import { common, createLowlight } from 'lowlight';

/**
 * Syntax highlighting for code blocks. The grammars come from lowlight's bundled `common` set so the
 * UI does not import highlight.js directly. CUDA has no grammar of its own; C++ covers its syntax.
 */
const wanted = {
  bash: common.bash,
  shell: common.shell,
  c: common.c,
  cpp: common.cpp,
  python: common.python,
  sql: common.sql,
  javascript: common.javascript,
  typescript: common.typescript,
  json: common.json,
  yaml: common.yaml,
  markdown: common.markdown,
  xml: common.xml,
  css: common.css,
  diff: common.diff,
  rust: common.rust,
  go: common.go,
  java: common.java,
  plaintext: common.plaintext,
};

const grammars: Record<string, NonNullable<(typeof common)[string]>> = {};
for (const [name, grammar] of Object.entries(wanted)) if (grammar) grammars[name] = grammar;

export const lowlight = createLowlight(grammars);

const aliases: Record<string, string[]> = {
  bash: ['sh', 'zsh'],
  shell: ['console', 'shellsession'],
  cpp: ['cuda', 'cu', 'cuh', 'c++', 'hpp', 'cc'],
  c: ['h'],
  python: ['py'],
  javascript: ['js', 'jsx', 'mjs'],
  typescript: ['ts', 'tsx'],
  yaml: ['yml'],
  markdown: ['md'],
  xml: ['html', 'svg'],
  plaintext: ['text', 'txt'],
};
lowlight.registerAlias(aliases);

/** Languages offered by the code block's language picker (value = the fence info string written to markdown). */
export const CODE_LANGUAGES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Plain text' },
  { value: 'python', label: 'Python' },
  { value: 'sql', label: 'SQL' },
  { value: 'bash', label: 'Bash' },
  { value: 'shell', label: 'Shell session' },
  { value: 'c', label: 'C' },
  { value: 'cpp', label: 'C++' },
  { value: 'cuda', label: 'CUDA' },
  { value: 'javascript', label: 'JavaScript' },
  { value: 'typescript', label: 'TypeScript' },
  { value: 'json', label: 'JSON' },
  { value: 'yaml', label: 'YAML' },
  { value: 'markdown', label: 'Markdown' },
  { value: 'html', label: 'HTML' },
  { value: 'css', label: 'CSS' },
  { value: 'diff', label: 'Diff' },
  { value: 'rust', label: 'Rust' },
  { value: 'go', label: 'Go' },
  { value: 'java', label: 'Java' },
];

export function isHighlightable(language: string | null | undefined): boolean {
  return !!language && lowlight.registered(language);
}
