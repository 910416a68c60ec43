import type { InteractionView } from '@tandem/client';
import { Button } from '../../app/ui/button.js';

export type ToolbarCommand =
  'pickup' | 'hold' | 'unhold' | 'disconnect' | 'transfer' | 'consult' | 'private' | 'wrap-up' | 'remove';

interface ToolDef {
  command: ToolbarCommand;
  label: string;
  shortcut?: string;
  /** The server's action that must be allowed (the toolbar never guesses). */
  action?: string;
  variant?: 'primary' | 'danger';
  when?: (ix: InteractionView) => boolean;
}

const TOOLS: ToolDef[] = [
  { command: 'pickup', label: 'Pick up', shortcut: 'Alt+P', action: 'pickup', variant: 'primary' },
  { command: 'hold', label: 'Hold', shortcut: 'Alt+H', action: 'hold' },
  { command: 'unhold', label: 'Resume', shortcut: 'Alt+H', action: 'unhold' },
  { command: 'transfer', label: 'Transfer', shortcut: 'Alt+T', action: 'transfer' },
  {
    command: 'consult',
    label: 'Consult',
    shortcut: 'Alt+C',
    action: 'transfer',
    when: (ix) => ix.type === 'chat' && ix.direction !== 'intercom' && ix.state !== 'acd-alerting',
  },
  { command: 'private', label: 'Private', shortcut: 'Alt+I', action: 'private' },
  {
    command: 'wrap-up',
    label: 'Wrap-up',
    shortcut: 'Alt+W',
    action: 'wrap-up',
    when: (ix) => ix.wrapUps.length > 0 || ix.state !== 'disconnected',
  },
  { command: 'disconnect', label: 'Disconnect', shortcut: 'Alt+X', action: 'disconnect', variant: 'danger' },
  { command: 'remove', label: 'Remove', shortcut: 'Ctrl+Alt+R', when: (ix) => ix.state === 'disconnected' },
];

/** Whether a command applies now: the server allows its action (and its extra condition holds). */
export function commandEnabled(ix: InteractionView | undefined, command: ToolbarCommand): boolean {
  if (!ix) return false;
  const tool = TOOLS.find((t) => t.command === command);
  if (!tool) return false;
  if (tool.action && !(ix.allowedActions ?? []).includes(tool.action)) return false;
  return tool.when ? tool.when(ix) : true;
}

/** The action buttons of the selected interaction; each enabled exactly when the server allows it. */
export function Toolbar(props: { selected: InteractionView | undefined; run: (command: ToolbarCommand) => void }) {
  const { selected } = props;
  return (
    <div className="mi-toolbar" role="toolbar" aria-label="Interaction actions">
      {TOOLS.filter((t) => t.command !== 'unhold' || selected?.state === 'held')
        .filter((t) => t.command !== 'hold' || selected?.state !== 'held')
        .map((t) => (
          <Button
            key={t.command}
            size="sm"
            variant={t.variant === 'primary' ? 'primary' : t.variant === 'danger' ? 'danger' : 'secondary'}
            disabled={!commandEnabled(selected, t.command)}
            data-testid={`action-${t.command}`}
            aria-pressed={t.command === 'private' ? selected?.private === true : undefined}
            title={t.shortcut ? `${t.label} (${t.shortcut})` : t.label}
            onClick={() => props.run(t.command)}
          >
            {t.label}
          </Button>
        ))}
    </div>
  );
}
