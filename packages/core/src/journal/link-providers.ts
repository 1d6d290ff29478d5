// Other domains (papers) add [[link]] targets and quick-switcher titles here, so the journal never
// imports them (papers imports the journal to create paper notes; the arrow must point one way).
import type { CoreContext } from '../app/context';
import type { TitleHitDto } from '../contract/journal';
import type { Disposable } from '../contract/rpc';

export interface TitleProvider {
  /** `paper` for the papers domain. */
  readonly kind: TitleHitDto['kind'];
  /** Titles matching the words of `query` ('' = recent ones), best first, at most `limit`. */
  search(query: string, limit: number): TitleHitDto[];
  /** The id a [[link]] target names (its `titleKey`), or null. Called inside the journal's write transaction. */
  resolve(targetKey: string): string | null;
}

const providers = new WeakMap<CoreContext, Set<TitleProvider>>();

/** Adds a provider for the lifetime of the core (or until disposed). */
export function registerTitleProvider(ctx: CoreContext, provider: TitleProvider): Disposable {
  let set = providers.get(ctx);
  if (!set) providers.set(ctx, (set = new Set()));
  set.add(provider);
  return { dispose: () => set.delete(provider) };
}

export function titleProviders(ctx: CoreContext): readonly TitleProvider[] {
  return [...(providers.get(ctx) ?? [])];
}
