import type { PageProps } from './registry';

export function JournalPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Journal</h1>
      </header>
    </div>
  );
}
