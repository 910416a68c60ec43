import { resumeBrowserSession, type EventStream, type TandemClient } from '@tandem/client';
import { useCallback, useEffect, useState } from 'react';
import { LogonView } from '../features/logon/logon-view.js';
import type { ConnectionInfo } from './session-store.js';
import { Shell } from './shell.js';
import { TopicMux } from './topic-mux.js';
import { ToastProvider } from './ui/toast.js';

/** A logged-on session with its one event stream. */
export interface LoggedOn {
  client: TandemClient;
  info: ConnectionInfo;
  stream: EventStream;
  mux: TopicMux;
}

function start(client: TandemClient, info: ConnectionInfo): LoggedOn {
  const stream = client.events();
  return { client, info, stream, mux: new TopicMux(stream) };
}

/** The root: restores the cookie session on reload, else shows the logon; then the shell. */
export function App() {
  const [session, setSession] = useState<LoggedOn | undefined>();
  const [checking, setChecking] = useState(true);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    resumeBrowserSession(location.origin)
      .then((found) => {
        // A session still waiting for a password change goes through the logon again.
        if (cancelled || !found) return;
        if (found.info.passwordChangeRequired)
          void found.client.request('DELETE', '/api/v1/connection').catch(() => undefined);
        else setSession(start(found.client, found.info));
      })
      .catch(() => undefined)
      .finally(() => !cancelled && setChecking(false));
    return () => {
      cancelled = true;
    };
  }, []);

  const onEnded = useCallback((reason: string | undefined) => {
    setSession((current) => {
      current?.stream.close();
      return undefined;
    });
    setNotice(reason === undefined ? undefined : `Your session ended (${reason}). Please log on again.`);
  }, []);

  if (checking) return <div className="splash" aria-busy="true" aria-label="Loading" />;
  return (
    <ToastProvider>
      {session ? (
        <Shell key={session.info.sessionId} session={session} onEnded={onEnded} />
      ) : (
        <LogonView
          {...(notice ? { notice } : {})}
          onLoggedOn={(client, info) => {
            setNotice(undefined);
            setSession(start(client, info));
          }}
        />
      )}
    </ToastProvider>
  );
}
