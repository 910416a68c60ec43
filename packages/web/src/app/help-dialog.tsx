import { SHORTCUTS, type ShortcutDef } from './shortcuts.js';
import { Dialog } from './ui/dialog.js';

const SCOPES: Record<ShortcutDef['scope'], string> = {
  everywhere: 'Everywhere',
  'my-interactions': 'My Interactions',
  chat: 'Chat and email composer',
};

/** The "?" dialog: every keyboard shortcut, by where it works. */
export default function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} width="md" testId="help-dialog">
      {(Object.keys(SCOPES) as ShortcutDef['scope'][]).map((scope) => (
        <section key={scope} className="help-section">
          <h3>{SCOPES[scope]}</h3>
          <dl className="help-list">
            {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
              <div key={s.keys} className="help-row">
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="muted">Arrow keys move through lists; Enter opens; Escape closes a dialog.</p>
    </Dialog>
  );
}
