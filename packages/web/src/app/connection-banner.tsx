import { useEffect } from 'react';
import { bannerText, type BannerState } from './reconnect-banner.js';

/** Says on screen when the event stream is down, and how it came back; good news hides after 6 s. */
export function ConnectionBanner({ state, onDismiss }: { state: BannerState; onDismiss: () => void }) {
  useEffect(() => {
    if (state.kind !== 'reconnected' && state.kind !== 'resynchronised') return;
    const timer = setTimeout(onDismiss, 6000);
    return () => clearTimeout(timer);
  }, [state, onDismiss]);
  const text = bannerText(state);
  if (!text) return null;
  const tone = state.kind === 'reconnecting' || state.kind === 'session-ended' ? 'warning' : 'success';
  return (
    <div
      className={`connection-banner banner-${tone}`}
      role="status"
      aria-live="polite"
      data-testid="connection-banner"
    >
      {text}
    </div>
  );
}
