import type { MethodMap } from './rpc';

// The tracking domain's calls ('tracking:verb'), their payload schemas and DTOs.
export const trackingContract = {} satisfies MethodMap;

export interface TrackingEvents {}
