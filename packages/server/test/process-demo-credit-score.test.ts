import { afterAll, describe, expect, it } from 'vitest';
import { creditScore } from '../src/routes/demo-credit-score-routes.js';
import { aServer } from './support/harness.js';

const s = await aServer({ demo: false });
afterAll(() => s.close());

const ask = (body: unknown) => s.call(undefined, 'POST', '/api/v1/demo/credit-score', body);

describe('the demo credit-score web service of the car-loan sample', () => {
  it('answers a score and a decision without a session', async () => {
    const r = await ask({ ssn: '123-45-6789', amount: 18000 });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ score: number; decision: string }>();
    expect(body.score).toBeGreaterThanOrEqual(300);
    expect(body.score).toBeLessThanOrEqual(850);
    expect(body).toEqual(creditScore('123-45-6789', 18000));
  });

  it('gives the same applicant the same score, however the SSN is punctuated', () => {
    expect(creditScore('123 45 6789', 5000)).toEqual(creditScore('123-45-6789', 5000));
  });

  it('spreads applicants over all three decisions', () => {
    const decisions = new Set(
      Array.from({ length: 200 }, (_, i) => creditScore(`${100_000_000 + i * 7919}`, 10_000).decision),
    );
    expect([...decisions].sort()).toEqual(['approve', 'decline', 'refer']);
  });

  it('lowers the score for a large amount', () => {
    const ssn = '987-65-4321';
    expect(creditScore(ssn, 200_000).score).toBeLessThan(creditScore(ssn, 20_000).score);
  });

  it('refuses a malformed SSN or amount with a 400 naming the field', async () => {
    const badSsn = await ask({ ssn: 'abc', amount: 10 });
    expect(badSsn.statusCode).toBe(400);
    expect(badSsn.body).toContain('ssn');
    const badAmount = await ask({ ssn: '123456789', amount: -1 });
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.body).toContain('amount');
  });
});
