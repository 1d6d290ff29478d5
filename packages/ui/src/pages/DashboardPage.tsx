import type { PageProps } from './registry';

export function DashboardPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Dashboard</h1>
      </header>
    </div>
  );
}
