import type { PageProps } from './registry';

export function InboxPage(_props: PageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Inbox</h1>
      </header>
    </div>
  );
}
