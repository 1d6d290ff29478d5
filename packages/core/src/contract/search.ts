import type { MethodMap } from './rpc';

// The search domain's calls ('search:verb'), their payload schemas and DTOs.
export const searchContract = {} satisfies MethodMap;

export interface SearchEvents {}
