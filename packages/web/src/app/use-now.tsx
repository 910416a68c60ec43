import { useEffect, useState } from 'react';
import { serverNow } from './server-clock.js';

/** The time on the server's clock, re-rendering every `everyMs` (default 1 s): for live durations. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
