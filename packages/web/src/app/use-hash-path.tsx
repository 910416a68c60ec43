import { useEffect, useState } from 'react';

/** The path in the URL hash (`#/queues` → `/queues`; none → `/`). */
export function pathOfHash(hash: string): string {
  const path = hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

export function useHashPath(): string {
  const [path, setPath] = useState(() => pathOfHash(location.hash));
  useEffect(() => {
    const onChange = () => setPath(pathOfHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
