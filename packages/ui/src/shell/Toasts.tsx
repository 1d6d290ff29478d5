import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error' | 'celebrate';
  title: string;
  body?: string;
  /** Milliseconds before it fades; errors stay until dismissed. */
  timeout?: number;
}

interface ToastApi {
  show(t: Omit<Toast, 'id'>): void;
  error(title: string, err?: unknown): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const api = useMemo<ToastApi>(() => {
    let next = 1;
    const show = (t: Omit<Toast, 'id'>) => {
      const id = next++;
      setToasts((all) => [...all.slice(-4), { ...t, id }]);
      const timeout = t.timeout ?? (t.kind === 'error' ? 0 : 5000);
      if (timeout > 0) setTimeout(() => dismiss(id), timeout);
    };
    return {
      show,
      error: (title, err) => show({ kind: 'error', title, body: err === undefined ? undefined : errorMessage(err) }),
    };
  }, [dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <div className="toast-text">
              <strong>{t.title}</strong>
              {t.body && <div className="toast-body">{t.body}</div>}
            </div>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const t = useContext(ToastContext);
  if (!t) throw new Error('useToasts must be used inside <ToastProvider>');
  return t;
}
