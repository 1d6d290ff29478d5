import type { MethodMap } from './rpc';

// The journal domain's calls ('journal:verb'), their payload schemas and DTOs.
export const journalContract = {} satisfies MethodMap;

export interface JournalEvents {}
