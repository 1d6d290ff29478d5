import type { z } from 'zod';
import type { FolioErrorShape } from './errors';

/**
 * A contract method: the zod schema that validates its one payload at the boundary, and (as a
 * phantom type) the DTO it answers with. Declared per domain as `'domain:verb': method(schema).returns<Dto>()`.
 */
export interface Method<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Phantom: never set at run time; carries the output type. */
  readonly __output?: O;
}

export function method<I extends z.ZodType>(input: I): { returns<O>(): Method<I, O> } {
  return { returns: <O>() => ({ input }) as Method<I, O> };
}

export type MethodMap = Record<string, Method>;

export type InputOf<M> = M extends Method<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends Method<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends Method<z.ZodType, infer O> ? O : never;

/** What a backend implements for a contract: one async function per method, taking the parsed payload. */
export type HandlersOf<C extends MethodMap> = {
  [K in keyof C]: (payload: ParsedInputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

/** The answer of one call over any transport. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: FolioErrorShape };

/** A listener's handle: call `dispose()` to stop listening. */
export interface Disposable {
  dispose(): void;
}
