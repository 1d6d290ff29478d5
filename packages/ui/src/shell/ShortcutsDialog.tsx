import { Dialog } from '../components/Dialog';
import type { AppCommand } from './commands';
import { displayAccelerator, type MenuCommand } from './menu-commands';
import './ShortcutsDialog.css';

export interface ShortcutRow {
  id: string;
  title: string;
  group: string;
  /** Display forms, e.g. `Ctrl+K`; a command bound twice (Alt+1 and the menu's Ctrl+T) lists both. */
  keys: string[];
}

/**
 * The shortcuts the app really has: every registered command's `shortcut`, the `extra` ones bound outside
 * the registry, and, in Electron, the accelerators of the application menu. A menu command no mounted view
 * registers yet (Add papers outside the library) keeps the menu's title.
 */
export function shortcutRows(
  commands: readonly AppCommand[],
  extra: readonly ShortcutRow[],
  menu: readonly MenuCommand[],
  isMac: boolean,
): ShortcutRow[] {
  const rows = new Map<string, ShortcutRow>();
  const add = (row: ShortcutRow) => {
    const have = rows.get(row.id);
    if (!have) rows.set(row.id, { ...row, keys: [...row.keys] });
    else for (const k of row.keys) if (!have.keys.includes(k)) have.keys.push(k);
  };
  for (const row of extra) add(row);
  for (const c of commands) if (c.shortcut) add({ id: c.id, title: c.title, group: c.group, keys: [c.shortcut] });
  for (const m of menu) {
    if (!m.accelerator) continue;
    const c = commands.find((x) => x.id === m.id);
    add({ id: m.id, title: c?.title ?? m.title, group: c?.group ?? 'General', keys: [displayAccelerator(m.accelerator, isMac)] });
  }
  return [...rows.values()];
}

/** Help › Keyboard Shortcuts: the rows of `shortcutRows`, one table per group. */
export function ShortcutsDialog({ open, onClose, rows }: { open: boolean; onClose(): void; rows: readonly ShortcutRow[] }) {
  const groups = new Map<string, ShortcutRow[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      {[...groups].map(([group, items]) => (
        <section key={group} className="shortcuts-group">
          <h3>{group}</h3>
          <table className="table shortcuts-table" aria-label={group}>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.title}</th>
                  <td>
                    {r.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' or '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Dialog>
  );
}
