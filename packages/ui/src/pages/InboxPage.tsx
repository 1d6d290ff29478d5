import { InboxView } from '../comments/InboxView';
import '../comments/inbox.css';
import type { PageProps } from './registry';

/** `#/inbox[?view=review]`: the comment inbox (spam first pass by the local model, triage from the keyboard). */
export function InboxPage({ route }: PageProps) {
  return (
    <div className="page page-inbox">
      <InboxView route={route} />
    </div>
  );
}
