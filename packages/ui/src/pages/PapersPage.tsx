import type { PageProps } from './registry';

export function PapersPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Papers</h1>
      </header>
    </div>
  );
}
