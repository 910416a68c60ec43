import type { InteractionView } from '@tandem/client';
import { useEffect, useEffectEvent, useRef } from 'react';
import { isAlertingFor, nameOf } from '../my-interactions/interaction-model.js';
import { AlertTracker } from './alert-tracker.js';
import { playChime, prepareAudio } from './chime.js';

/** Asks for the notification permission and unlocks audio at the first click or key (browsers require a gesture). */
function useGestureUnlock(): void {
  useEffect(() => {
    const unlock = () => {
      prepareAudio();
      if (typeof Notification !== 'undefined' && Notification.permission === 'default')
        void Notification.requestPermission().catch(() => undefined);
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
}

/**
 * When an interaction starts alerting for this user: a short chime and, if the page is hidden or
 * not focused, a desktop notification whose click brings the client forward and selects it.
 */
export function useAlerting(items: readonly InteractionView[], userId: string, select: (id: string) => void): void {
  const tracker = useRef(new AlertTracker());
  const selectLater = useEffectEvent((id: string) => select(id));
  useGestureUnlock();

  useEffect(() => {
    const alerting = items.filter((ix) => isAlertingFor(ix, userId));
    const fresh = tracker.current.next(alerting.map((ix) => ix.id));
    for (const id of fresh) {
      const ix = alerting.find((i) => i.id === id);
      if (!ix) continue;
      playChime();
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.hasFocus()) continue;
      const notification = new Notification(`New ${ix.type}: ${nameOf(ix)}`, {
        body: ix.workgroupId ? `Workgroup ${ix.workgroupId}` : ix.displayState,
        tag: `tandem-${ix.id}`,
      });
      notification.onclick = () => {
        window.focus();
        selectLater(ix.id);
        notification.close();
      };
    }
  }, [items, userId]);
}
