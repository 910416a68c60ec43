import type { InteractionView } from '@tandem/client';
import { formatDuration } from '../../app/ui/format.js';
import type { TableColumn } from '../../app/ui/table.js';
import { categoryOf, detailsOf, durationStart, nameOf } from './interaction-model.js';

const TYPE_LABELS: Record<string, string> = {
  chat: 'Chat',
  email: 'Email',
  callback: 'Callback',
  call: 'Call',
  sms: 'SMS',
  generic: 'Object',
  workitem: 'Work item',
};

function stateBadge(ix: InteractionView): string {
  if (ix.state === 'acd-alerting' || ix.state === 'alerting') return 'badge badge-warning';
  if (ix.state === 'disconnected') return 'badge';
  if (ix.state === 'held' || ix.state === 'parked') return 'badge badge-primary';
  return 'badge badge-success';
}

/** The columns of My Interactions; `now` makes the duration live. */
export function interactionColumns(now: number): TableColumn<InteractionView>[] {
  return [
    {
      id: 'type',
      title: 'Type',
      value: (ix) => ix.type,
      render: (ix) => <span className={`type-tag type-${ix.type}`}>{TYPE_LABELS[ix.type] ?? ix.type}</span>,
    },
    { id: 'name', title: 'Name', value: nameOf },
    { id: 'details', title: 'Details', value: detailsOf, defaultVisible: false },
    {
      id: 'duration',
      title: 'Duration',
      value: (ix) => now - durationStart(ix),
      render: (ix) => <span className="tabular">{formatDuration(now - durationStart(ix))}</span>,
    },
    {
      id: 'state',
      title: 'State',
      value: (ix) => ix.displayState,
      render: (ix) => <span className={stateBadge(ix)}>{ix.displayState}</span>,
    },
    { id: 'workgroup', title: 'Workgroup', value: (ix) => ix.workgroupId, defaultVisible: false },
    { id: 'queue', title: 'Queue', value: (ix) => `${ix.queue.type}:${ix.queue.id}`, defaultVisible: false },
    {
      id: 'wrap-up',
      title: 'Wrap-up',
      value: (ix) => ix.wrapUps.find((w) => w.code)?.code ?? ix.wrapUpCode,
      defaultVisible: false,
    },
    { id: 'category', title: 'Work-item category', value: categoryOf, defaultVisible: false },
    { id: 'priority', title: 'Priority', value: (ix) => ix.priority, defaultVisible: false },
    { id: 'account-code', title: 'Account code', value: (ix) => ix.accountCode, defaultVisible: false },
    { id: 'id', title: 'Interaction ID', value: (ix) => ix.id, defaultVisible: false },
  ];
}
