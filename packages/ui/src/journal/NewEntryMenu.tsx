import { useApi } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { useToasts } from '../shell/Toasts';
import { createAndOpen } from './new-entry';
import { useJournalCall } from './use-journal-call';

/** "New…": one item per kind (from its template), then every template of the user's own. */
export function NewEntryMenu() {
  const api = useApi();
  const toasts = useToasts();
  const kinds = useJournalCall('journal:kinds', {}, { actions: ['kinds'] });
  const templates = useJournalCall('journal:templates', {}, { actions: ['templates'] });
  const go = (kind: string, templateId?: string) =>
    createAndOpen(api, kind, templateId).catch((err: unknown) => toasts.error('Could not create the entry', err));
  const items: MenuItem[] = [
    ...(kinds.data ?? []).map((k) => ({
      id: `kind-${k.key}`,
      label: k.key === 'daily' ? "Today's daily note" : k.name,
      group: 'New entry',
      onSelect: () => void go(k.key),
    })),
    ...(templates.data ?? [])
      .filter((t) => !t.builtinKey)
      .map((t) => ({
        id: `tpl-${t.id}`,
        label: t.name,
        hint: kinds.data?.find((k) => k.key === t.kind)?.name,
        group: 'From your templates',
        onSelect: () => void go(t.kind, t.id),
      })),
  ];
  return (
    <MenuButton
      className="button primary"
      align="end"
      label={
        <>
          <Icon name="plus" size={15} /> New…
        </>
      }
      items={items}
    />
  );
}
