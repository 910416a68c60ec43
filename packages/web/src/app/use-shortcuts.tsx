import { useEffect, useEffectEvent } from 'react';
import { commandOf, firesWhileTyping } from './shortcuts.js';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Runs `handlers[command]` for the shortcuts pressed anywhere in the page (see `SHORTCUTS`).
 * Handlers may change each render; the listener is installed once.
 */
export function useShortcuts(handlers: Partial<Record<string, () => void>>): void {
  const handlerFor = useEffectEvent((command: string) => handlers[command]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (isTyping(event.target) && !firesWhileTyping(event)) return;
      // A dialog is open: only its own keys work.
      if (document.querySelector('[aria-modal="true"]')) return;
      const command = commandOf(event);
      const handler = command ? handlerFor(command) : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
