import type { Disposable } from '../contract/rpc';

type Listener<T> = (payload: T) => void;

/** A typed, synchronous event bus. Listeners return disposables; a failing listener never breaks the emitter. */
export class EventBus<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();
  private readonly anyListeners = new Set<(name: keyof E & string, payload: unknown) => void>();

  on<K extends keyof E>(name: K, listener: Listener<E[K]>): Disposable {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
    return { dispose: () => set.delete(listener as Listener<never>) };
  }

  /** Every event, for transports that forward them (IPC, SSE). */
  onAny(listener: (name: keyof E & string, payload: unknown) => void): Disposable {
    this.anyListeners.add(listener);
    return { dispose: () => this.anyListeners.delete(listener) };
  }

  emit<K extends keyof E>(name: K, payload: E[K]): void {
    for (const l of this.listeners.get(name) ?? []) {
      try {
        (l as Listener<E[K]>)(payload);
      } catch (err) {
        console.error(`[folio] listener for ${String(name)} failed:`, err);
      }
    }
    for (const l of this.anyListeners) {
      try {
        l(name as keyof E & string, payload);
      } catch (err) {
        console.error(`[folio] event forwarder failed:`, err);
      }
    }
  }
}
