import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { ANALYST_VIEWS, COLUMN_TYPES, looksPersonal, type ColumnType } from './catalogue.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

/** information_schema's data_type of each catalogue type. */
const DATA_TYPE: Record<ColumnType, string> = {
  text: 'text',
  uuid: 'uuid',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  decimal: 'numeric',
  timestamp: 'timestamp with time zone',
  date: 'date',
  json: 'jsonb',
};

describe('the analyst view catalogue', () => {
  it('documents exactly the views of schema analyst, every column in order with its type', async () => {
    const views = await ctx.database.query<{ name: string }>("select table_name as name from information_schema.views where table_schema = 'analyst' order by 1");
    expect(ANALYST_VIEWS.map((v) => v.name).sort()).toEqual(views.map((v) => v.name));
    const tables = await ctx.database.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'analyst' and table_type <> 'VIEW'");
    expect(tables).toEqual([]);
    const columns = await ctx.database.query<{ view: string; name: string; type: string }>(
      "select table_name as view, column_name as name, data_type as type from information_schema.columns where table_schema = 'analyst' order by table_name, ordinal_position",
    );
    for (const v of ANALYST_VIEWS) {
      const inDb = columns.filter((c) => c.view === v.name).map((c) => `${c.name}:${c.type}`);
      expect(inDb, v.name).toEqual(v.columns.map((c) => `${c.name}:${DATA_TYPE[c.type]}`));
    }
  });

  it('describes every view and column in German and English and orders rows by its own columns', () => {
    for (const v of ANALYST_VIEWS) {
      expect(v.description.de.length, v.name).toBeGreaterThan(10);
      expect(v.description.en.length, v.name).toBeGreaterThan(10);
      expect(new Set(v.columns.map((c) => c.name)).size, v.name).toBe(v.columns.length);
      expect(v.orderBy.length).toBeGreaterThan(0);
      for (const o of v.orderBy) expect(v.columns.map((c) => c.name), `${v.name} orders by ${o}`).toContain(o);
      for (const c of v.columns) {
        expect(COLUMN_TYPES).toContain(c.type);
        expect(c.description.de.length, `${v.name}.${c.name}`).toBeGreaterThan(2);
        expect(c.description.en.length, `${v.name}.${c.name}`).toBeGreaterThan(2);
      }
    }
  });

  it('is documented view by view, column by column in docs/analyst-views.md', () => {
    const doc = fs.readFileSync(new URL('../../../docs/analyst-views.md', import.meta.url), 'utf8');
    for (const v of ANALYST_VIEWS) {
      const section = doc.split(`### \`analyst.${v.name}\``)[1]?.split('\n### ')[0];
      expect(section, `docs section for ${v.name}`).toBeDefined();
      for (const c of v.columns) expect(section, `${v.name}.${c.name} in the docs`).toContain(`| \`${c.name}\` | ${c.type} |`);
    }
  });

  it('has no column whose name says personal data or a secret', async () => {
    expect(looksPersonal('contact_email')).toBe(true);
    expect(looksPersonal('street')).toBe(true);
    expect(looksPersonal('iban')).toBe(true);
    expect(looksPersonal('password_hash')).toBe(true);
    expect(looksPersonal('token_hash')).toBe(true);
    expect(looksPersonal('signer_name')).toBe(true);
    expect(looksPersonal('ip')).toBe(true);
    expect(looksPersonal('relationship')).toBe(false);
    const columns = await ctx.database.query<{ view: string; name: string }>(
      "select table_name as view, column_name as name from information_schema.columns where table_schema = 'analyst'",
    );
    expect(columns.length).toBeGreaterThan(100);
    expect(columns.filter((c) => looksPersonal(c.name)).map((c) => `${c.view}.${c.name}`)).toEqual([]);
  });

  it('keys pseudonyms with HMAC-SHA256 and the installation secret, which analysts cannot read', async () => {
    const [key] = await ctx.database.query<{ secret: string }>("select encode(secret, 'hex') as secret from analyst_private.pseudonym_key");
    expect(key.secret).toMatch(/^[0-9a-f]{128}$/);
    const id = '0b5e4c9a-3f1d-4e7b-9a2c-8d6f1e0a7b35';
    const [row] = await ctx.database.query<{ company: string; user: string }>(
      "select analyst_private.pseudonym(inner_pad, outer_pad, 'company', $1::uuid) as company, analyst_private.pseudonym(inner_pad, outer_pad, 'user', $1::uuid) as user from analyst_private.pseudonym_key",
      [id],
    );
    const hmac = (m: string) => createHmac('sha256', Buffer.from(key.secret, 'hex')).update(m).digest('hex').slice(0, 16);
    expect(row.company).toBe(`c_${hmac(`company:${id}`)}`);
    expect(row.user).toBe(`u_${hmac(`user:${id}`)}`);
    // The same id is a different pseudonym as a company and as a user, so kinds cannot be joined by accident.
    expect(row.company.slice(2)).not.toBe(row.user.slice(2));
  });

  it('gives the database role kreditplatz_analyst the views and nothing else', async () => {
    const asAnalyst = (query: string) =>
      ctx.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local role kreditplatz_analyst`);
        return ((await tx.execute(sql.raw(query))) as unknown as { rows: unknown[] }).rows;
      });
    await expect(asAnalyst('select count(*) from analyst.companies')).resolves.toHaveLength(1);
    for (const v of ANALYST_VIEWS) await expect(asAnalyst(`select * from analyst.${v.name} limit 1`)).resolves.toBeDefined();
    await expect(asAnalyst('select * from public.users')).rejects.toThrow();
    await expect(asAnalyst('select * from analyst_private.pseudonym_key')).rejects.toThrow();
    await expect(asAnalyst("select analyst_private.pseudonym('\\x00', '\\x00', 'user', gen_random_uuid())")).rejects.toThrow();
    await expect(asAnalyst('delete from analyst.users')).rejects.toThrow();
  });
});
