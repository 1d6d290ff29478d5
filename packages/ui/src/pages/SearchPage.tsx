import type { PageProps } from './registry';

export function SearchPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Search</h1>
      </header>
    </div>
  );
}
