import { Icon } from '../components/Icon';
import { MenuButton } from '../components/MenuButton';
import { openIo } from './events';

/** "Import / export" menu for a page header: opens the dialogs IoHost holds. */
export function IoMenu() {
  return (
    <MenuButton
      align="end"
      ariaLabel="Import, export and publish"
      label={
        <>
          <Icon name="upload" size={15} /> Import…
        </>
      }
      items={[
        {
          id: 'import',
          label: 'Import notes…',
          hint: 'folders, diaries, microblogs',
          onSelect: () => openIo({ action: 'import' }),
        },
        { id: 'export', label: 'Export as markdown…', onSelect: () => openIo({ action: 'export' }) },
        { id: 'publish', label: 'Publish site…', hint: 'public entries', onSelect: () => openIo({ action: 'publish' }) },
      ]}
    />
  );
}
