import { lazy } from 'react';
import type { SessionValue } from './session-context.js';

/** One view of the client: navigation is rendered from `views`, the active one inside `<Suspense>`. */
export interface ViewEntry {
  id: string;
  title: string;
  /** Hash route, e.g. `/queues` (shown as `#/queues`). */
  path: string;
  group: 'work' | 'supervise' | 'admin';
  element: React.LazyExoticComponent<React.ComponentType>;
  visible(session: SessionValue): boolean;
}

/** Every view; helpers add theirs with one line each. The first visible one is the start view. */
export const views: ViewEntry[] = [
  {
    id: 'my-interactions',
    title: 'My Interactions',
    path: '/',
    group: 'work',
    element: lazy(() => import('../features/my-interactions/my-interactions-view.js')),
    visible: () => true,
  },
];
