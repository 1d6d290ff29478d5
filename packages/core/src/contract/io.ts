import type { MethodMap } from './rpc';

// The io domain's calls ('io:verb'), their payload schemas and DTOs.
export const ioContract = {} satisfies MethodMap;

export interface IoEvents {}
