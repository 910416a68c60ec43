import type { ProcessDefinition } from '../definition-types.js';
import { assign, button, changeState, control, endProcess, exit, form, state, variable } from './sample-parts.js';

const reviewForm = (id: string, who: string) =>
  form({
    id,
    category: 'Expenses',
    description: `${who}: {Amount} for {Purpose} by {Employee}`,
    dueDate: 'addDays(now(), 3)',
    title: 'Expense claim',
    controls: [
      control('label', 'Employee'),
      control('number', 'Amount'),
      control('text', 'Purpose'),
      control('date', 'SpentOn'),
      control('multiline', 'ReviewNotes', { label: 'Notes for the employee' }),
    ],
    buttons: [button('Approve'), button('Reject')],
  });

const reject = (prefix: string) => [
  assign(`${prefix}-rejected`, 'Approved', 'false'),
  changeState(`${prefix}-to-notify`, 'Notify'),
];

/**
 * The expense approval sample: the launch is the employee's claim; the department (a workgroup)
 * approves it; a claim over `ApprovalLimit` needs a second approval by `SecondApprovers`; the
 * employee hears the outcome by e-mail. A manager approval not picked up within a day goes to the
 * second approvers.
 */
export function expenseApprovalProcess(): ProcessDefinition {
  return {
    formatVersion: 1,
    id: 'expense-approval',
    name: 'Expense approval',
    description: 'Manager approval, a second approval over the limit, e-mail to the employee.',
    variables: [
      variable('Employee', 'User', { logToReporting: true }),
      variable('EmployeeMailbox', 'Mailbox'),
      variable('Amount', 'Currency', { logToReporting: true }),
      variable('Purpose', 'String'),
      variable('SpentOn', 'DateTime'),
      variable('Department', 'Workgroup', { logToReporting: true, initial: 'Sales' }),
      variable('SecondApprovers', 'Workgroup', { initial: 'Support' }),
      variable('ApprovalLimit', 'Currency', { initial: 1000 }),
      variable('Approved', 'Boolean', { logToReporting: true }),
      variable('ReviewNotes', 'String'),
      variable('Outcome', 'String', { logToReporting: true, initial: 'Submitted' }),
    ],
    inputs: ['Employee', 'EmployeeMailbox', 'Amount', 'Purpose', 'SpentOn', 'Department'],
    outputs: ['Approved'],
    states: [
      state(
        'ManagerApproval',
        [
          {
            id: 'ex-check-amount',
            kind: 'decision',
            condition: 'Amount <= 0',
            then: [
              assign('ex-invalid', 'Outcome', '"Refused: the amount must be positive"'),
              endProcess('ex-end-invalid'),
            ],
            else: [],
          },
          {
            id: 'ex-manager',
            kind: 'sendWorkItemToWorkgroup',
            form: 'ManagerReview',
            workgroup: 'Department',
            pickupTimeoutSeconds: 86_400,
            reroute: 'SecondApprovers',
            exits: [
              exit('Approve', [
                {
                  id: 'ex-over-limit',
                  kind: 'decision',
                  condition: 'Amount > ApprovalLimit',
                  then: [changeState('ex-to-second', 'SecondApproval')],
                  else: [assign('ex-approved', 'Approved', 'true'), changeState('ex-to-notify', 'Notify')],
                },
              ]),
              exit('Reject', reject('ex-manager')),
            ],
          },
        ],
        true,
      ),
      state('SecondApproval', [
        {
          id: 'ex-second',
          kind: 'sendWorkItemToWorkgroup',
          form: 'SecondReview',
          workgroup: 'SecondApprovers',
          exits: [
            exit('Approve', [
              assign('ex-second-approved', 'Approved', 'true'),
              changeState('ex-second-notify', 'Notify'),
            ]),
            exit('Reject', reject('ex-second')),
          ],
        },
      ]),
      state('Notify', [
        {
          id: 'ex-outcome',
          kind: 'decision',
          condition: 'Approved',
          then: [assign('ex-outcome-approved', 'Outcome', '"Approved"')],
          else: [assign('ex-outcome-rejected', 'Outcome', '"Rejected"')],
        },
        {
          id: 'ex-notify',
          kind: 'sendEmail',
          to: 'EmployeeMailbox',
          subject: 'Expense claim {Outcome}: {Amount} for {Purpose}',
          body: 'Your expense claim of {Amount} for {Purpose} was {Outcome}.\n{ReviewNotes}',
        },
        endProcess('ex-end'),
      ]),
    ],
    tasks: [],
    forms: [
      reviewForm('ManagerReview', 'Approve the expense'),
      reviewForm('SecondReview', 'Second approval over the limit'),
    ],
  };
}
