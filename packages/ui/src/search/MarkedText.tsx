import { parseMarked } from './marked-text';

/** Renders a search snippet: its <mark> runs as <mark>, everything else as text. */
export function MarkedText({ html, className }: { html: string; className?: string }) {
  return (
    <span className={className}>
      {parseMarked(html).map((r, i) => (r.mark ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}
    </span>
  );
}
