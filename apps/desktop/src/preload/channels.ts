/** The IPC channels between preload and main; both import these, so the names cannot drift apart. */
export const IPC = {
  /** renderer → main (invoke): one contract call `(name, payload)`. */
  call: 'folio:call',
  /** renderer → main (invoke): bytes for the blob store. */
  upload: 'folio:upload',
  /** main → renderer: a backend push event `{ name, payload }`. */
  event: 'folio:event',
  /** main → renderer: an app-menu command. */
  menu: 'folio:menu',
} as const;
