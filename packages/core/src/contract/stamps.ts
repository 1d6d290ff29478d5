import type { MethodMap } from './rpc';

// The stamps domain's calls ('stamps:verb'), their payload schemas and DTOs.
export const stampsContract = {} satisfies MethodMap;

export interface StampsEvents {}
