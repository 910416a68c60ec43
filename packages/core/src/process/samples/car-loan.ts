import type { ProcessDefinition, VariableDefinition } from '../definition-types.js';
import { assign, button, changeState, control, endProcess, exit, form, state, variable } from './sample-parts.js';

/** Where the sample's credit check calls: the server's own demo endpoint (`POST /api/v1/demo/credit-score`). */
export const DEFAULT_CREDIT_SERVICE_HOST = '127.0.0.1:8018';
export const CREDIT_SCORE_PATH = '/api/v1/demo/credit-score';

const STRINGS = [
  'FullName',
  'FirstName',
  'MiddleName',
  'LastName',
  'SSN',
  'Address',
  'AddressCity',
  'AddressState',
  'AddressZipCode',
  'AddressCityStateZip',
  'PhoneNumber',
  'VIN',
  'LoanID',
  'Loan_Auto_Check_Output',
  'LoanDenyReason',
  'CollectInformationDescription',
  'CollectLoanInformation',
  'BodyType',
  'Doors',
  'Make',
  'Model',
  'ModelNumber',
  'Plant',
];

/** The reference's car-loan variable list; only Status and the outcome flags go to reporting. */
function carLoanVariables(creditServiceHost: string): VariableDefinition[] {
  return [
    ...STRINGS.map((name) => variable(name, 'String')),
    variable('Mailbox', 'Mailbox'),
    variable('LoanAmount', 'Decimal'),
    variable('CreditScore', 'Integer'),
    variable('DateRequested', 'DateTime', { logToReporting: true }),
    variable('DateCompleted', 'DateTime', { logToReporting: true }),
    variable('LoanApproved', 'Boolean', { logToReporting: true }),
    variable('LoanProcessed', 'Boolean', { logToReporting: true }),
    variable('Status', 'String', { logToReporting: true, initial: 'New' }),
    variable('CreditServiceHost', 'String', {
      logToReporting: true,
      initial: creditServiceHost,
      description: 'host:port of the credit-score web service',
    }),
  ];
}

const collectForm = form({
  id: 'CollectApplicant',
  category: 'Car loan',
  description: 'Collect the loan application of {FirstName} {LastName}',
  dueDate: 'addDays(now(), 1)',
  title: 'Applicant and vehicle',
  controls: [
    control('text', 'FirstName', { required: true }),
    control('text', 'MiddleName'),
    control('text', 'LastName', { required: true }),
    control('text', 'SSN', { required: true, label: 'Social security number' }),
    control('text', 'Mailbox', { required: true, label: 'E-mail address' }),
    control('text', 'PhoneNumber'),
    control('text', 'Address'),
    control('text', 'AddressCity'),
    control('text', 'AddressState'),
    control('text', 'AddressZipCode'),
    control('number', 'LoanAmount', { required: true }),
    control('text', 'VIN', { label: 'Vehicle identification number' }),
    control('text', 'Make'),
    control('text', 'Model'),
    control('text', 'ModelNumber'),
    control('dropdown', 'BodyType', { options: ['Sedan', 'Coupe', 'Estate', 'SUV', 'Pickup', 'Van'] }),
    control('dropdown', 'Doors', { options: ['2', '3', '4', '5'] }),
    control('text', 'Plant'),
    control('multiline', 'CollectLoanInformation', { label: 'Notes' }),
  ],
  buttons: [button('Submit'), button('Cancel', false)],
  validations: [
    {
      rule: 'LoanAmount > 0 and LoanAmount <= 250000',
      message: 'The loan amount must be between 1 and 250,000',
      control: 'cLoanAmount',
    },
    { rule: 'len(trim(SSN)) >= 9', message: 'The social security number has at least 9 digits', control: 'cSSN' },
  ],
});

const approvalForm = form({
  id: 'ApproveLoan',
  category: 'Car loan',
  description: 'Approve the loan {LoanID} of {FullName}: {LoanAmount} (credit score {CreditScore})',
  dueDate: 'addDays(now(), 2)',
  title: 'Loan decision',
  controls: [
    control('label', 'FullName', { label: 'Applicant' }),
    control('label', 'AddressCityStateZip', { label: 'City' }),
    control('number', 'LoanAmount'),
    control('number', 'CreditScore'),
    control('label', 'Loan_Auto_Check_Output', { label: 'Automatic check' }),
    control('label', 'VIN', { label: 'Vehicle' }),
    control('multiline', 'LoanDenyReason', { label: 'Reason (when rejected)' }),
  ],
  buttons: [button('Approve'), button('Reject')],
});

/**
 * The car-loan sample: a salesperson collects the applicant's data (Sales work item), a web
 * service checks the credit score, the Loans workgroup approves or rejects (scores under 500 are
 * refused without a work item), and the applicant hears the outcome by e-mail.
 */
export function carLoanProcess(options: { creditServiceHost?: string } = {}): ProcessDefinition {
  const host = options.creditServiceHost ?? DEFAULT_CREDIT_SERVICE_HOST;
  return {
    formatVersion: 1,
    id: 'car-loan',
    name: 'Car loan',
    description: 'Collect an application, check the credit score, approve in the Loans workgroup, notify by e-mail.',
    variables: carLoanVariables(host),
    inputs: ['FirstName', 'LastName', 'Mailbox', 'LoanAmount', 'VIN', 'LoanID', 'CreditServiceHost'],
    outputs: ['LoanApproved', 'LoanDenyReason', 'CreditScore'],
    states: [
      state(
        'Collect',
        [
          assign('cl-requested', 'DateRequested', 'now()'),
          assign('cl-status-collect', 'Status', '"Collecting"'),
          assign('cl-description', 'CollectInformationDescription', '"Application for " & LoanAmount'),
          {
            id: 'cl-collect',
            kind: 'sendWorkItemToWorkgroup',
            form: 'CollectApplicant',
            workgroup: "workgroup'Sales'",
            exits: [
              exit('Submit', [
                assign('cl-fullname', 'FullName', 'trim(FirstName & " " & MiddleName) & " " & LastName'),
                assign(
                  'cl-citystatezip',
                  'AddressCityStateZip',
                  'AddressCity & ", " & AddressState & " " & AddressZipCode',
                ),
                changeState('cl-to-credit', 'CreditCheck'),
              ]),
              exit('Cancel', [assign('cl-status-cancelled', 'Status', '"Cancelled"'), endProcess('cl-end-cancelled')]),
            ],
          },
        ],
        true,
      ),
      state('CreditCheck', [
        assign('cl-status-credit', 'Status', '"Credit check"'),
        {
          id: 'cl-credit-check',
          kind: 'invokeWebService',
          protocol: 'http-json',
          method: 'POST',
          url: `http://{CreditServiceHost}${CREDIT_SCORE_PATH}`,
          body: { ssn: 'SSN', amount: 'LoanAmount' },
          timeoutSeconds: 10,
          outputs: [
            { variable: 'CreditScore', from: 'score' },
            { variable: 'Loan_Auto_Check_Output', from: 'decision' },
          ],
        },
        {
          id: 'cl-score-decision',
          kind: 'decision',
          condition: 'CreditScore < 500',
          then: [
            assign('cl-auto-reject', 'LoanApproved', 'false'),
            assign('cl-auto-reason', 'LoanDenyReason', '"Credit score below 500"'),
            changeState('cl-to-notify-auto', 'Notify'),
          ],
          else: [changeState('cl-to-approval', 'Approval')],
        },
      ]),
      state('Approval', [
        assign('cl-status-approval', 'Status', '"Awaiting approval"'),
        {
          id: 'cl-approve',
          kind: 'sendWorkItemToWorkgroup',
          form: 'ApproveLoan',
          workgroup: "workgroup'Loans'",
          exits: [
            exit('Approve', [assign('cl-approved', 'LoanApproved', 'true'), changeState('cl-to-notify-ok', 'Notify')]),
            exit('Reject', [
              assign('cl-rejected', 'LoanApproved', 'false'),
              {
                id: 'cl-reason-default',
                kind: 'decision',
                condition: 'isEmpty(LoanDenyReason)',
                then: [assign('cl-reason', 'LoanDenyReason', '"Not approved by the Loans workgroup"')],
                else: [],
              },
              changeState('cl-to-notify-rejected', 'Notify'),
            ]),
          ],
        },
      ]),
      state('Notify', [
        assign('cl-completed', 'DateCompleted', 'now()'),
        assign('cl-processed', 'LoanProcessed', 'true'),
        {
          id: 'cl-status-words',
          kind: 'decision',
          condition: 'LoanApproved',
          then: [assign('cl-status-approved', 'Status', '"Approved"')],
          else: [assign('cl-status-rejected', 'Status', '"Rejected"')],
        },
        {
          id: 'cl-notify',
          kind: 'sendEmail',
          to: 'Mailbox',
          subject: 'Your car loan application {LoanID}: {Status}',
          body: 'Dear {FullName},\n\nYour application for a loan of {LoanAmount} has been {Status}.\n{LoanDenyReason}\n\nThe Loans team',
        },
        { id: 'cl-log', kind: 'log', message: 'Car loan finished: {Status}' },
        endProcess('cl-end'),
      ]),
    ],
    tasks: [],
    forms: [collectForm, approvalForm],
  };
}
