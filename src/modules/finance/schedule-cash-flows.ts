/**
 * The dated cash flows of a schedule from the borrower's side, fees included by when they are paid:
 * at the start date +amount − upfront fees (what the borrower receives; financed fees are not
 * received), then −payment on each due date (the first including first_instalment fees).
 */
import type { CashFlow, Schedule, ScheduleInput } from './finance.types.js';
import { buildSchedule, type ScheduleOptions } from './schedule.js';

export function scheduleCashFlows(input: ScheduleInput, schedule?: Schedule, options: ScheduleOptions = {}): CashFlow[] {
  const s = schedule ?? buildSchedule(input, options);
  const flows: CashFlow[] = [{ date: s.startDate, amount: s.disbursedAmount }];
  for (const row of s.rows) flows.push({ date: row.dueDate, amount: negate(row.payment) });
  return flows;
}

function negate(money: string): string {
  if (money.startsWith('-')) return money.slice(1);
  return /^0\.00$/.test(money) ? money : `-${money}`;
}
