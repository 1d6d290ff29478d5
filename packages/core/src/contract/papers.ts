import type { MethodMap } from './rpc';

// The papers domain's calls ('papers:verb'), their payload schemas and DTOs.
export const papersContract = {} satisfies MethodMap;

export interface PapersEvents {}
