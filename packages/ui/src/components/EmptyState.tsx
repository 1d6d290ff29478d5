import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** What an empty page shows: what this place is for, and the one thing to do next. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: string;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      {icon && <Icon name={icon} size={32} />}
      <h3>{title}</h3>
      {children && <div className="muted">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
