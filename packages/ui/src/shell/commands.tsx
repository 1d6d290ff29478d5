import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface AppCommand {
  id: string;
  title: string;
  /** Shown beside the title and used to group results. */
  group: string;
  /** Display form, e.g. `Ctrl+K`. The key binding itself is registered by whoever owns it. */
  shortcut?: string;
  keywords?: string[];
  run(): void | Promise<void>;
}

interface Registry {
  commands: AppCommand[];
  register(commands: AppCommand[]): () => void;
}

const CommandsContext = createContext<Registry | null>(null);

/** Holds every command the palette can reach; pages add theirs while mounted. */
export function CommandsProvider({ children }: { children: ReactNode }) {
  const [sets, setSets] = useState<Map<number, AppCommand[]>>(new Map());
  const nextId = useRef(1);
  // Stable for the provider's lifetime: registering must not change `register`, or every registrant's
  // effect would run again and register forever.
  const register = useCallback((commands: AppCommand[]) => {
    const id = nextId.current++;
    setSets((m) => new Map(m).set(id, commands));
    return () =>
      setSets((m) => {
        const n = new Map(m);
        n.delete(id);
        return n;
      });
  }, []);
  const registry = useMemo<Registry>(() => ({ commands: [...sets.values()].flat(), register }), [sets, register]);
  return <CommandsContext.Provider value={registry}>{children}</CommandsContext.Provider>;
}

export function useCommands(): AppCommand[] {
  return useContext(CommandsContext)?.commands ?? [];
}

/** Registers commands while the calling component is mounted. Pass a stable (memoised) array. */
export function useRegisterCommands(commands: AppCommand[]): void {
  const ctx = useContext(CommandsContext);
  const register = ctx?.register;
  useEffect(() => register?.(commands), [register, commands]);
}

/** Case-insensitive subsequence match with a score favouring word starts and contiguous runs. */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().trim();
  if (!q) return 1;
  const t = text.toLowerCase();
  const direct = t.indexOf(q);
  if (direct >= 0) return 1000 - direct + (direct === 0 || /\W/.test(t[direct - 1] ?? ' ') ? 200 : 0);
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return 0;
    run = found === ti ? run + 1 : 0;
    score += 10 + run * 5 + (found === 0 || /\W/.test(t[found - 1] ?? ' ') ? 15 : 0);
    ti = found + 1;
  }
  return score;
}
