import { Suspense, lazy, useEffect, useMemo, useReducer, useState } from 'react';
import { StatusBar } from '../features/status/status-bar.js';
import { ConnectionBanner } from './connection-banner.js';
import type { LoggedOn } from './app.js';
import { HIDDEN, nextBanner } from './reconnect-banner.js';
import { hasRight } from './rights.js';
import { SessionProvider } from './session-context.js';
import type { ConnectionInfo, SessionValue } from './session-store.js';
import { useHashPath } from './use-hash-path.js';
import { views, type ViewEntry } from './view-registry.js';
import { useShortcuts } from './use-shortcuts.js';

const HelpDialog = lazy(() => import('./help-dialog.js'));
const StationDialog = lazy(() => import('../features/logon/station-dialog.js'));

function stationLabel(station: ConnectionInfo['station']): string {
  if (station?.type === 'workstation') return station.id;
  if (station?.type === 'remote') return station.number;
  return 'No station';
}

const GROUP_TITLES: Record<ViewEntry['group'], string> = { work: 'Work', supervise: 'Supervise', admin: 'Administer' };

/** The logged-on client: header with status, navigation from the view registry, the active view. */
export function Shell({ session, onEnded }: { session: LoggedOn; onEnded: (reason: string | undefined) => void }) {
  const { client, stream, mux } = session;
  const [info, setInfo] = useState<ConnectionInfo>(session.info);
  const [banner, dispatch] = useReducer(nextBanner, HIDDEN);
  const [helpOpen, setHelpOpen] = useState(false);
  const [stationOpen, setStationOpen] = useState(false);
  const [navOpen, setNavOpen] = useState(false);

  const live = useMemo<SessionValue>(
    () => ({
      client,
      info,
      stream,
      mux,
      hasRight: (check) => hasRight(info.rights, check),
      logoff: async () => {
        await client.disconnect().catch(() => undefined);
        onEnded(undefined);
      },
      updateInfo: setInfo,
    }),
    [client, info, stream, mux, onEnded],
  );

  useEffect(() => {
    const offs = [
      stream.on('disconnected', () => dispatch({ type: 'disconnected' })),
      stream.on('reconnected', () => dispatch({ type: 'reconnected' })),
      stream.on('resync', ({ topic }) => dispatch({ type: 'resync', topic })),
      stream.on('session.ended', ({ reason }) => onEnded(reason)),
    ];
    return () => offs.forEach((off) => off());
  }, [stream, onEnded]);

  const path = useHashPath();
  const visible = views.filter((v) => v.visible(live));
  const active = visible.find((v) => v.path === path) ?? visible[0];
  const groups = (['work', 'supervise', 'admin'] as const).filter((g) => visible.some((v) => v.group === g));
  const go = (step: number) => {
    const index = active ? visible.indexOf(active) : 0;
    const next = visible[(index + step + visible.length) % visible.length];
    if (next) location.assign(`#${next.path}`);
  };

  useShortcuts({
    help: () => setHelpOpen(true),
    'next-view': () => go(1),
    'previous-view': () => go(-1),
  });

  return (
    <SessionProvider value={live}>
      <div className={`shell ${navOpen ? 'nav-open' : ''}`}>
        <header className="shell-header">
          <button
            type="button"
            className="nav-toggle btn btn-ghost"
            aria-label="Menu"
            aria-expanded={navOpen}
            onClick={() => setNavOpen((o) => !o)}
          >
            ☰
          </button>
          <span className="brand">Tandem</span>
          <StatusBar />
          <div className="user-menu row">
            <span className="user-name" title={info.userId}>
              {info.displayName}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-sm station-button"
              aria-label={`Station: ${stationLabel(info.station)}. Change station`}
              data-testid="station-button"
              onClick={() => setStationOpen(true)}
            >
              {stationLabel(info.station)}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-label="Keyboard shortcuts"
              onClick={() => setHelpOpen(true)}
            >
              ?
            </button>
            <button type="button" className="btn btn-sm" data-testid="logoff" onClick={() => void live.logoff()}>
              Log off
            </button>
          </div>
        </header>
        <ConnectionBanner state={banner} onDismiss={() => dispatch({ type: 'dismiss' })} />
        <nav className="shell-nav" aria-label="Views">
          {groups.map((group) => (
            <div key={group} className="nav-group">
              <div className="nav-group-title">{GROUP_TITLES[group]}</div>
              {visible
                .filter((v) => v.group === group)
                .map((v) => (
                  <a
                    key={v.id}
                    href={`#${v.path}`}
                    className={v === active ? 'active' : ''}
                    aria-current={v === active ? 'page' : undefined}
                    data-testid={`nav-${v.id}`}
                    onClick={() => setNavOpen(false)}
                  >
                    {v.title}
                  </a>
                ))}
            </div>
          ))}
        </nav>
        <main className="shell-main" id="main">
          <Suspense fallback={<div className="loading muted">Loading…</div>}>
            {active ? <active.element key={active.id} /> : null}
          </Suspense>
        </main>
        {stationOpen ? (
          <Suspense fallback={null}>
            <StationDialog onClose={() => setStationOpen(false)} />
          </Suspense>
        ) : null}
        {helpOpen ? (
          <Suspense fallback={null}>
            <HelpDialog onClose={() => setHelpOpen(false)} />
          </Suspense>
        ) : null}
      </div>
    </SessionProvider>
  );
}
