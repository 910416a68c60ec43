import type { ProcessDefinition } from '../definition-types.js';
import { carLoanProcess } from './car-loan.js';
import { complaintProcess } from './complaint.js';
import { expenseApprovalProcess } from './expense-approval.js';

export { carLoanProcess, CREDIT_SCORE_PATH, DEFAULT_CREDIT_SERVICE_HOST } from './car-loan.js';
export { expenseApprovalProcess } from './expense-approval.js';
export { complaintProcess } from './complaint.js';

/**
 * The sample processes the demo organisation ships, published and active: car loan, expense
 * approval, website complaint. `creditServiceHost` is the `host:port` the car loan's credit check
 * calls (the server's own demo endpoint; default `127.0.0.1:8018`).
 */
export function processSamples(options: { creditServiceHost?: string } = {}): ProcessDefinition[] {
  return [carLoanProcess(options), expenseApprovalProcess(), complaintProcess()];
}
