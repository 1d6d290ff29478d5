import type { MethodMap } from './rpc';

// The comments domain's calls ('comments:verb'), their payload schemas and DTOs.
export const commentsContract = {} satisfies MethodMap;

export interface CommentsEvents {}
