import type { RunHandlerEffect } from '@tandem/core';

/** A server-side handler: inputs in, outputs out. `signal` aborts when the action's time is up. */
export interface Handler {
  /** Longest the handler may take, whatever the action says (ms). */
  timeoutMs: number;
  run(inputs: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>>;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) || 0 : 0);

/**
 * `credit-score`: a score from 300 to 850 from the applicant's income, debts and the amount asked
 * (`Income`, `Debts`, `Amount`), and whether it clears `MinimumScore` (default 620). Deterministic:
 * the same inputs give the same score.
 */
export const creditScoreHandler: Handler = {
  timeoutMs: 5_000,
  async run(inputs) {
    const income = Math.max(0, num(inputs['Income']));
    const debts = Math.max(0, num(inputs['Debts']));
    const amount = Math.max(0, num(inputs['Amount']));
    const burden = income > 0 ? (debts + amount / 5) / income : 10;
    const score = Math.round(Math.min(850, Math.max(300, 850 - burden * 400)));
    const minimum = inputs['MinimumScore'] === undefined ? 620 : num(inputs['MinimumScore']);
    return { Score: score, Approved: score >= minimum };
  },
};

/** `loan-payment`: the monthly payment of `Amount` over `Months` at `AnnualRate` percent. */
export const loanPaymentHandler: Handler = {
  timeoutMs: 5_000,
  async run(inputs) {
    const amount = num(inputs['Amount']);
    const months = Math.max(1, Math.round(num(inputs['Months'])));
    const r = num(inputs['AnnualRate']) / 100 / 12;
    const payment = r === 0 ? amount / months : (amount * r) / (1 - (1 + r) ** -months);
    return { Payment: Math.round(payment * 100) / 100 };
  },
};

/** `echo`: answers its inputs, for tests and for wiring processes together. */
export const echoHandler: Handler = {
  timeoutMs: 5_000,
  async run(inputs) {
    return { ...inputs };
  },
};

/** `wait`: answers after `Milliseconds` (at most the handler's timeout); shows timeouts and in-flight recovery. */
export const waitHandler: Handler = {
  timeoutMs: 60_000,
  run(inputs, signal) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ Waited: num(inputs['Milliseconds']) }), num(inputs['Milliseconds']));
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
  },
};

/** The handlers the server ships; `register` adds more. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler>([
    ['credit-score', creditScoreHandler],
    ['loan-payment', loanPaymentHandler],
    ['echo', echoHandler],
    ['wait', waitHandler],
  ]);

  register(name: string, handler: Handler): void {
    this.handlers.set(name, handler);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Runs the handler within the shorter of its own and the action's timeout; throws the reason it failed. */
  async run(effect: RunHandlerEffect): Promise<Record<string, unknown>> {
    const handler = this.handlers.get(effect.handler);
    if (!handler) throw new Error(`no handler '${effect.handler}' is registered on this server`);
    const limit = Math.min(handler.timeoutMs, effect.timeoutMs);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`handler '${effect.handler}' took longer than ${limit} ms`));
      }, limit);
    });
    try {
      return await Promise.race([handler.run(effect.inputs, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
