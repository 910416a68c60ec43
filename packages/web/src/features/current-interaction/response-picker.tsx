import { searchResponses, type ResponseHit } from '@tandem/client';
import { useCallback } from 'react';
import { useSession } from '../../app/session-store.js';
import { Dialog } from '../../app/ui/dialog.js';
import { TypeAhead } from '../../app/ui/type-ahead.js';

/** Response Management: full-text search over the usable libraries (or the hits of a shortcut); Enter inserts. */
export function ResponsePicker(props: {
  initial?: ResponseHit[];
  onPick: (hit: ResponseHit) => void;
  onClose: () => void;
}) {
  const { client } = useSession();
  const { initial } = props;
  const search = useCallback(
    (text: string) =>
      text === '' && initial
        ? initial
        : searchResponses(client, text, { limit: 20, types: ['message', 'url'] }).catch(() => []),
    [client, initial],
  );
  return (
    <Dialog title="Insert a response" onClose={props.onClose} width="md" testId="response-picker">
      <TypeAhead
        label="Search responses"
        placeholder="Search by name, shortcut, label or text"
        autoFocus
        search={search}
        optionKey={(hit) => `${hit.library.id}/${hit.item.id}`}
        testId="response-search"
        renderOption={(hit) => (
          <div className="response-option">
            <div>
              <strong>{hit.item.name}</strong>
              {hit.item.shortcut ? <kbd className="response-shortcut">{hit.item.shortcut}</kbd> : null}
              <span className="muted"> · {hit.library.displayName}</span>
            </div>
            <div className="muted response-preview">{hit.item.text ?? hit.item.url ?? ''}</div>
          </div>
        )}
        onChoose={props.onPick}
      />
    </Dialog>
  );
}
