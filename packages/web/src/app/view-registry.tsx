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
  visible: (session: SessionValue) => boolean;
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
  {
    id: 'queues',
    title: 'Workgroup queues',
    path: '/queues',
    group: 'work',
    element: lazy(() => import('../features/queues/queues-view.js')),
    visible: (s) => s.hasRight({ type: 'queue', queueType: 'workgroup', target: '*', level: 'view' }),
  },
  {
    id: 'directory',
    title: 'Company directory',
    path: '/directory',
    group: 'work',
    element: lazy(() => import('../features/directory/directory-view.js')),
    visible: () => true,
  },
  {
    id: 'activation',
    title: 'Workgroup activation',
    path: '/activation',
    group: 'work',
    element: lazy(() => import('../features/activation/activation-view.js')),
    visible: () => true,
  },
  {
    id: 'my-statistics',
    title: 'My statistics',
    path: '/my-statistics',
    group: 'work',
    element: lazy(() => import('../features/statistics/my-statistics-view.js')),
    visible: () => true,
  },
  {
    id: 'workgroup-statistics',
    title: 'Workgroup statistics',
    path: '/statistics',
    group: 'supervise',
    element: lazy(() => import('../features/statistics/workgroup-statistics-view.js')),
    visible: (s) =>
      s.hasRight({ type: 'object', object: 'workgroup', target: '*', access: 'statistics' }) ||
      s.hasRight({ type: 'security', right: 'supervisor-features' }),
  },
  {
    id: 'admin',
    title: 'Administration',
    path: '/admin',
    group: 'admin',
    element: lazy(() => import('../features/admin/admin-view.js')),
    visible: (s) => s.hasRight({ type: 'admin', area: '*', access: 'view' }),
  },
];
