import type { ProcessDefinition } from '../definition-types.js';
import { assign, button, changeState, control, endProcess, exit, form, state, variable } from './sample-parts.js';

const resolveForm = (id: string, buttons: string[]) =>
  form({
    id,
    category: 'Complaints',
    description: 'Complaint from {CustomerName}: {Subject}',
    dueDate: 'addDays(Received, 2)',
    title: 'Complaint',
    controls: [
      control('label', 'CustomerName', { label: 'Customer' }),
      control('label', 'OrderNumber'),
      control('multiline', 'Details'),
      { id: 'cPage', kind: 'website', label: 'Page the customer wrote from', required: false, text: '{PageUrl}' },
      control('dropdown', 'Category', { options: ['Delivery', 'Billing', 'Product', 'Service', 'Other'] }),
      control('multiline', 'Resolution', { required: true, label: 'Resolution sent to the customer' }),
    ],
    buttons: buttons.map((b) => button(b, b !== 'Escalate')),
  });

/**
 * The complaint sample: a website form launches it with the customer's fields; the customer gets
 * an acknowledgement; Support resolves it (or escalates it to Sales);
 * the customer gets the resolution by e-mail.
 */
export function complaintProcess(): ProcessDefinition {
  return {
    formatVersion: 1,
    id: 'website-complaint',
    name: 'Website complaint',
    description: 'Started from the website complaint form; resolved by Support.',
    variables: [
      variable('CustomerName', 'String'),
      variable('CustomerEmail', 'Mailbox'),
      variable('Subject', 'String'),
      variable('Details', 'String'),
      variable('OrderNumber', 'String'),
      variable('PageUrl', 'String'),
      variable('Category', 'String', { logToReporting: true, initial: 'Other' }),
      variable('Resolution', 'String'),
      variable('Received', 'DateTime', { logToReporting: true }),
      variable('Escalated', 'Boolean', { logToReporting: true }),
    ],
    inputs: ['CustomerName', 'CustomerEmail', 'Subject', 'Details', 'OrderNumber', 'PageUrl'],
    outputs: ['Resolution'],
    states: [
      state(
        'Received',
        [
          assign('co-received', 'Received', 'now()'),
          {
            id: 'co-acknowledge',
            kind: 'sendEmail',
            to: 'CustomerEmail',
            subject: 'We received your complaint: {Subject}',
            body: 'Dear {CustomerName},\n\nThank you for writing to us. Our Support team answers within two days.',
          },
          changeState('co-to-support', 'Support'),
        ],
        true,
      ),
      state('Support', [
        {
          id: 'co-resolve',
          kind: 'sendWorkItemToWorkgroup',
          form: 'ResolveComplaint',
          workgroup: "workgroup'Support'",
          exits: [
            exit('Resolve', [changeState('co-to-resolved', 'Resolved')]),
            exit('Escalate', [
              assign('co-escalated', 'Escalated', 'true'),
              changeState('co-to-escalated', 'Escalation'),
            ]),
          ],
        },
      ]),
      state('Escalation', [
        {
          id: 'co-escalation',
          kind: 'sendWorkItemToWorkgroup',
          form: 'EscalatedComplaint',
          workgroup: "workgroup'Sales'",
          exits: [exit('Resolve', [changeState('co-escalation-resolved', 'Resolved')])],
        },
      ]),
      state('Resolved', [
        {
          id: 'co-answer',
          kind: 'sendEmail',
          to: 'CustomerEmail',
          subject: 'Your complaint: {Subject}',
          body: 'Dear {CustomerName},\n\n{Resolution}\n\nSupport',
        },
        endProcess('co-end'),
      ]),
    ],
    tasks: [],
    forms: [resolveForm('ResolveComplaint', ['Resolve', 'Escalate']), resolveForm('EscalatedComplaint', ['Resolve'])],
  };
}
