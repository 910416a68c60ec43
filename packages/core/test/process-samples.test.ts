import { describe, expect, it } from 'vitest';
import {
  FakeClock,
  advance,
  carLoanProcess,
  complaintProcess,
  expenseApprovalProcess,
  launchInstance,
  parseDefinition,
  processSamples,
  type ProcessDefinition,
  type ProcessEffect,
  type ProcessInput,
  type StepResult,
} from '../src/index.js';

/** Runs a sample as the server would: launch, then feed one input at a time, keeping the latest step. */
class SampleRun {
  private readonly clock = new FakeClock();
  step: StepResult;
  readonly effects: ProcessEffect[] = [];
  constructor(
    private readonly definition: ProcessDefinition,
    inputs: Record<string, unknown>,
  ) {
    this.step = this.keep(
      launchInstance(
        definition,
        { instanceId: 'p1', definitionVersion: 1, originator: null, inputs },
        { clock: this.clock },
      ),
    );
  }
  private keep(step: StepResult): StepResult {
    this.effects.push(...step.effects);
    return step;
  }
  get effect(): ProcessEffect {
    const effect = this.step.instance.pending?.effect;
    if (!effect)
      throw new Error(`not waiting: ${this.step.instance.status} ${this.step.instance.error?.message ?? ''}`);
    return effect;
  }
  feed(input: ProcessInput): void {
    this.step = this.keep(advance(this.step.instance, this.definition, input, { clock: this.clock }));
  }
  complete(outputs: Record<string, unknown> = {}): void {
    this.feed({ type: 'effectCompleted', effectId: this.effect.effectId, outputs });
  }
  submit(button: string, data: Record<string, unknown> = {}): void {
    this.feed({ type: 'workItemSubmitted', effectId: this.effect.effectId, button, data });
  }
  get vars() {
    return this.step.instance.variables;
  }
}

const applicant = {
  FirstName: 'Maria',
  LastName: 'Jensen',
  SSN: '123-45-6789',
  Mailbox: 'maria@example.com',
  PhoneNumber: '+1 555 0199',
  AddressCity: 'Springfield',
  AddressState: 'IL',
  AddressZipCode: '62701',
  LoanAmount: 18000,
  Make: 'Volvo',
};

function collectedCarLoan(host?: string): SampleRun {
  const run = new SampleRun(carLoanProcess(host ? { creditServiceHost: host } : {}), { LoanID: 'L-1' });
  run.submit('Submit', applicant);
  return run;
}

describe('sample processes', () => {
  it('each sample passes the definition validator as a JSON document', () => {
    for (const sample of processSamples()) {
      const parsed = parseDefinition(JSON.parse(JSON.stringify(sample)));
      expect(parsed.ok ? [] : parsed.issues, sample.id).toEqual([]);
    }
  });

  it('the car loan keeps every variable of the reference list with its type', () => {
    const types = Object.fromEntries(carLoanProcess().variables.map((v) => [v.name, v.type]));
    expect(types).toMatchObject({
      FullName: 'String',
      Mailbox: 'Mailbox',
      LoanAmount: 'Decimal',
      CreditScore: 'Integer',
      DateRequested: 'DateTime',
      DateCompleted: 'DateTime',
      LoanApproved: 'Boolean',
      LoanProcessed: 'Boolean',
      Loan_Auto_Check_Output: 'String',
      Plant: 'String',
    });
  });

  it('the car loan first sends the collection form to Sales', () => {
    const run = new SampleRun(carLoanProcess(), { LoanID: 'L-1' });
    expect(run.effect).toMatchObject({
      type: 'sendWorkItem',
      target: { kind: 'workgroup', workgroupId: 'Sales' },
      formId: 'CollectApplicant',
      buttons: ['Submit', 'Cancel'],
    });
  });

  it('the car loan refuses a collection without the required applicant fields', () => {
    const run = new SampleRun(carLoanProcess(), {});
    expect(() => run.submit('Submit', { FirstName: 'Maria' })).toThrow(/required/);
  });

  it('the car loan calls the credit service at the configured host with the SSN and amount', () => {
    const run = collectedCarLoan('10.0.0.5:9000');
    expect(run.effect).toMatchObject({
      type: 'invokeWebService',
      method: 'POST',
      url: 'http://10.0.0.5:9000/api/v1/demo/credit-score',
      body: { ssn: '123-45-6789', amount: 18000 },
    });
    expect(run.vars.FullName).toBe('Maria Jensen');
  });

  it('a good credit score sends the approval to Loans, and approval mails the applicant', () => {
    const run = collectedCarLoan();
    run.complete({ score: 720, decision: 'refer' });
    expect(run.effect).toMatchObject({
      type: 'sendWorkItem',
      target: { kind: 'workgroup', workgroupId: 'Loans' },
      buttons: ['Approve', 'Reject'],
    });
    run.submit('Approve');
    expect(run.effect).toMatchObject({ type: 'sendEmail', to: ['maria@example.com'] });
    expect((run.effect as { subject: string }).subject).toContain('Approved');
    run.complete();
    expect(run.step.instance.status).toBe('completed');
    expect(run.vars).toMatchObject({ LoanApproved: true, LoanProcessed: true, CreditScore: 720, Status: 'Approved' });
  });

  it('a credit score under 500 is refused without an approval work item', () => {
    const run = collectedCarLoan();
    run.complete({ score: 430, decision: 'decline' });
    expect(run.effect.type).toBe('sendEmail');
    expect((run.effect as { body: string }).body).toContain('Credit score below 500');
    expect(run.effects.filter((e) => e.type === 'sendWorkItem')).toHaveLength(1);
  });

  it('a rejection without a reason gets a default reason in the e-mail', () => {
    const run = collectedCarLoan();
    run.complete({ score: 650, decision: 'refer' });
    run.submit('Reject');
    expect(run.vars.LoanDenyReason).toBe('Not approved by the Loans workgroup');
    expect((run.effect as { subject: string }).subject).toContain('Rejected');
  });

  it('an expense within the limit needs the department only', () => {
    const run = new SampleRun(expenseApprovalProcess(), {
      Employee: 'agent1',
      EmployeeMailbox: 'agent1@tandem.example',
      Amount: 250,
      Purpose: 'Train tickets',
    });
    expect(run.effect).toMatchObject({
      type: 'sendWorkItem',
      target: { kind: 'workgroup', workgroupId: 'Sales' },
      pickupTimeoutSeconds: 86_400,
      reroute: { kind: 'workgroup', workgroupId: 'Support' },
    });
    run.submit('Approve');
    expect(run.effect).toMatchObject({ type: 'sendEmail', to: ['agent1@tandem.example'] });
    expect(run.vars.Outcome).toBe('Approved');
  });

  it('an expense over the limit goes to a second approval, which may reject it', () => {
    const run = new SampleRun(expenseApprovalProcess(), {
      Employee: 'agent1',
      EmployeeMailbox: 'agent1@tandem.example',
      Amount: 4200,
      Purpose: 'Conference',
      Department: 'Loans',
    });
    expect(run.effect).toMatchObject({ target: { workgroupId: 'Loans' } });
    run.submit('Approve');
    expect(run.effect).toMatchObject({
      type: 'sendWorkItem',
      formId: 'SecondReview',
      target: { workgroupId: 'Support' },
    });
    run.submit('Reject', { ReviewNotes: 'Over the travel budget' });
    expect(run.vars).toMatchObject({ Approved: false, Outcome: 'Rejected' });
    expect((run.effect as { body: string }).body).toContain('Over the travel budget');
  });

  it('a complaint from the website form is acknowledged, resolved by Support and answered', () => {
    const run = new SampleRun(complaintProcess(), {
      CustomerName: 'Ola Nordmann',
      CustomerEmail: 'ola@example.com',
      Subject: 'Late delivery',
      Details: 'Order arrived two weeks late',
      OrderNumber: 'A-991',
      PageUrl: 'https://shop.example/orders/A-991',
    });
    expect(run.effect).toMatchObject({ type: 'sendEmail', to: ['ola@example.com'] });
    run.complete();
    expect(run.effect).toMatchObject({ type: 'sendWorkItem', target: { kind: 'workgroup', workgroupId: 'Support' } });
    expect(() => run.submit('Resolve')).toThrow(/required/);
    run.submit('Resolve', { Resolution: 'A voucher is on its way.', Category: 'Delivery' });
    expect((run.effect as { body: string }).body).toContain('A voucher is on its way.');
    run.complete();
    expect(run.step.instance.status).toBe('completed');
  });

  it('an escalated complaint goes to the escalation workgroup without a resolution yet', () => {
    const run = new SampleRun(complaintProcess(), { CustomerName: 'Ola', CustomerEmail: 'ola@example.com' });
    run.complete();
    run.submit('Escalate');
    expect(run.effect).toMatchObject({ formId: 'EscalatedComplaint', target: { workgroupId: 'Sales' } });
    expect(run.vars.Escalated).toBe(true);
  });
});
