import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  EffectiveRateInputSchema,
  EffectiveRateResultSchema,
  ScheduleInputSchema,
  ScheduleResultSchema,
  ScheduleSchema,
} from './finance.types.js';
import { effectiveAnnualRate } from './effective-rate.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

const valid = { amount: '250000.00', nominalRate: '0.0485', termMonths: 120 };

function issues(schema: z.ZodType, input: unknown): Array<[string, string]> {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => [i.path.join('.'), i.code]);
}

describe('finance schemas', () => {
  it('applies defaults to a minimal schedule request', () => {
    expect(ScheduleInputSchema.parse(valid)).toEqual({ ...valid, amortization: 'annuity', graceMonths: 0, fees: [], dayCount: '30/360' });
  });

  it.each([
    ['amount zero', { ...valid, amount: '0' }, 'amount'],
    ['amount negative', { ...valid, amount: '-5' }, 'amount'],
    ['amount above 50,000,000', { ...valid, amount: '50000000.01' }, 'amount'],
    ['amount with three decimals', { ...valid, amount: '10.005' }, 'amount'],
    ['amount as number', { ...valid, amount: 1000 }, 'amount'],
    ['amount with exponent', { ...valid, amount: '1e5' }, 'amount'],
    ['amount with comma', { ...valid, amount: '1000,50' }, 'amount'],
    ['rate above 1', { ...valid, nominalRate: '1.0001' }, 'nominalRate'],
    ['rate negative', { ...valid, nominalRate: '-0.01' }, 'nominalRate'],
    ['term 0', { ...valid, termMonths: 0 }, 'termMonths'],
    ['term 361', { ...valid, termMonths: 361 }, 'termMonths'],
    ['term fractional', { ...valid, termMonths: 12.5 }, 'termMonths'],
    ['grace = term', { ...valid, termMonths: 12, graceMonths: 12 }, 'graceMonths'],
    ['grace negative', { ...valid, graceMonths: -1 }, 'graceMonths'],
    ['unknown amortization', { ...valid, amortization: 'balloon' }, 'amortization'],
    ['unknown day count', { ...valid, dayCount: 'act/360' }, 'dayCount'],
    ['not a calendar date', { ...valid, startDate: '2023-02-29' }, 'startDate'],
    ['date with time', { ...valid, startDate: '2023-02-01T00:00:00Z' }, 'startDate'],
    ['fee amount negative', { ...valid, fees: [{ type: 'x', amount: '-1', when: 'upfront' }] }, 'fees.0.amount'],
    ['fee timing unknown', { ...valid, fees: [{ type: 'x', amount: '1', when: 'monthly' }] }, 'fees.0.when'],
    ['fee without type', { ...valid, fees: [{ type: '', amount: '1', when: 'upfront' }] }, 'fees.0.type'],
    ['upfront fees eat the amount', { ...valid, fees: [{ type: 'x', amount: '250000.00', when: 'upfront' }] }, 'fees'],
    ['unknown key', { ...valid, currency: 'EUR' }, ''],
  ])('rejects %s at its path', (_name, input, path) => {
    expect(issues(ScheduleInputSchema, input).map(([p]) => p)).toContain(path);
  });

  it('accepts the bounds themselves', () => {
    expect(ScheduleInputSchema.safeParse({ ...valid, amount: '50000000', nominalRate: '1', termMonths: 360, graceMonths: 359 }).success).toBe(true);
    expect(ScheduleInputSchema.safeParse({ ...valid, amount: '0.01', nominalRate: '0', termMonths: 1 }).success).toBe(true);
    expect(ScheduleInputSchema.safeParse({ ...valid, startDate: '2024-02-29', fees: [{ type: 'x', amount: '0', when: 'financed' }] }).success).toBe(true);
  });

  it('validates effective-rate requests', () => {
    const flows = [
      { date: '2025-01-01', amount: '1000' },
      { date: '2026-01-01', amount: '-1100.00' },
    ];
    expect(EffectiveRateInputSchema.safeParse({ cashFlows: flows }).success).toBe(true);
    expect(issues(EffectiveRateInputSchema, { cashFlows: [flows[0]] }).map(([p]) => p)).toContain('cashFlows');
    expect(issues(EffectiveRateInputSchema, { cashFlows: [flows[0], { date: '2026-13-01', amount: '-1' }] }).map(([p]) => p)).toContain('cashFlows.1.date');
    expect(issues(EffectiveRateInputSchema, { cashFlows: [flows[0], { date: '2026-01-01', amount: '-1', note: 1 }] }).map(([p]) => p)).toContain('cashFlows.1');
    expect(issues(EffectiveRateInputSchema, { cashFlows: [flows[0], { date: '2026-01-01', amount: '-2000000000000' }] }).map(([p]) => p)).toContain('cashFlows.1.amount');
    expect(EffectiveRateResultSchema.safeParse({ effectiveAnnualRate: effectiveAnnualRate(flows) }).success).toBe(true);
  });

  it('describes what the functions return', () => {
    const result = scheduleWithEffectiveRate({ ...valid, startDate: '2025-03-31', fees: [{ type: 'arrangement', amount: '500', when: 'upfront' }] });
    expect(ScheduleResultSchema.parse(result)).toEqual(result);
    expect(ScheduleSchema.safeParse({ ...result, extra: 1 }).success).toBe(false);
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    for (const schema of [ScheduleInputSchema, EffectiveRateInputSchema]) expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
    for (const schema of [ScheduleResultSchema, EffectiveRateResultSchema]) expect(() => z.toJSONSchema(schema)).not.toThrow();
    const json = z.toJSONSchema(ScheduleInputSchema, { io: 'input' }) as { required?: string[]; additionalProperties?: unknown };
    expect(json.required).toEqual(['amount', 'nominalRate', 'termMonths']);
    expect(json.additionalProperties).toBe(false);
  });
});
