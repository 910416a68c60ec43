import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface ToastInput {
  text: string;
  kind?: 'info' | 'success' | 'error';
  /** Default 5 s; errors 8 s. */
  durationMs?: number;
}

interface Toast extends ToastInput {
  id: number;
}

const ToastContext = createContext<(toast: ToastInput) => void>(() => undefined);

/** Short messages in a live region (screen readers announce them). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (input: ToastInput) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { ...input, id }]);
      setTimeout(() => dismiss(id), input.durationMs ?? (input.kind === 'error' ? 8000 : 5000));
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind ?? 'info'}`}>
            <span>{t.text}</span>
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** `toast({text, kind})`. */
export function useToast(): (toast: ToastInput) => void {
  return useContext(ToastContext);
}

/** The message of an error from the API (or anything thrown). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
