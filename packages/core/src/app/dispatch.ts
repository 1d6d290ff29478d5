import type { z } from 'zod';
import { contract, isMethodName, type Handlers } from '../contract';
import { FolioError, isFolioErrorShape, type FieldIssue } from '../contract/errors';
import type { CallResult } from '../contract/rpc';

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Converts anything thrown into the `{ code, message }` shape that crosses transports. */
export function toErrorShape(err: unknown) {
  if (err instanceof FolioError) return err.toJSON();
  if (isFolioErrorShape(err)) return { code: err.code, message: err.message, details: err.details };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal' as const, message: message || 'Unexpected error' };
}

/**
 * The one entry point every transport uses: looks the method up, validates the payload against the
 * contract's zod schema, runs the handler and answers `{ ok, value }` or `{ ok: false, error }`.
 * It never throws.
 */
export function createDispatcher(handlers: Handlers, opts: { onInternalError?: (name: string, err: unknown) => void } = {}) {
  return async function dispatch(name: unknown, payload: unknown): Promise<CallResult> {
    if (!isMethodName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 100) : typeof name;
      return { ok: false, error: { code: 'unknown_method', message: `Unknown API call: ${shown}` } };
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues[0];
      const message = first
        ? `Invalid ${name} request: ${first.path ? `${first.path}: ` : ''}${first.message}`
        : `Invalid ${name} request`;
      return { ok: false, error: { code: 'bad_request', message, details: { issues } } };
    }
    try {
      const handler = handlers[name] as (p: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      const shape = toErrorShape(err);
      if (shape.code === 'internal') opts.onInternalError?.(name, err);
      return { ok: false, error: shape };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
