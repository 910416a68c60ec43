import { afterAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { seedProcessSamples } from '../src/process/samples-seed.js';
import { creditScore } from '../src/routes/demo-credit-score-routes.js';
import { aServer } from './support/harness.js';

const s = await aServer();
await s.tandem.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = s.tandem.app.server.address() as AddressInfo;
afterAll(() => s.close());

const processes = s.tandem.processes;
const ssn = Array.from({ length: 50 }, (_, i) => `555-01-${String(1000 + i)}`).find(
  (x) => creditScore(x, 18000).decision !== 'decline',
) as string;

describe('the sample processes of the demo organisation', () => {
  it('are loaded published and active, once', async () => {
    expect(await seedProcessSamples(processes, { creditServiceHost: `127.0.0.1:${port}` })).toEqual([
      'car-loan',
      'expense-approval',
      'website-complaint',
    ]);
    expect(await seedProcessSamples(processes)).toEqual([]);
    for (const id of ['car-loan', 'expense-approval', 'website-complaint'])
      expect(processes.definitions.get(id)?.record).toMatchObject({ status: 'active', activeVersion: 1 });
  });

  it('run the car loan through the real credit-score endpoint to the Loans approval', async () => {
    const launched = await processes.engine.launch({
      definitionId: 'car-loan',
      originator: 'admin',
      inputs: { LoanID: 'L-7' },
    });
    const collect = launched.pending?.effect;
    expect(collect).toMatchObject({ type: 'sendWorkItem', target: { workgroupId: 'Sales' } });
    await processes.engine.input(launched.id, {
      type: 'workItemSubmitted',
      effectId: collect?.effectId as string,
      button: 'Submit',
      data: { FirstName: 'Maria', LastName: 'Jensen', SSN: ssn, Mailbox: 'maria@example.com', LoanAmount: 18000 },
    });
    await processes.settle();
    const instance = await processes.engine.find(launched.id);
    expect(instance.variables).toMatchObject({
      CreditScore: creditScore(ssn, 18000).score,
      Loan_Auto_Check_Output: creditScore(ssn, 18000).decision,
    });
    expect(instance.pending?.effect).toMatchObject({ type: 'sendWorkItem', target: { workgroupId: 'Loans' } });
  });
});
