import type { PageProps } from './registry';

export function TodayPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Today</h1>
      </header>
    </div>
  );
}
