import {
  intentSourceSchema,
  operatorName,
  operatorRoleSchema,
  parseResult,
  type OperatorRole,
} from '@livegate/contracts';
import { appendAudit } from '@livegate/db';
import { z } from 'zod';
import { createApiKey } from '../auth/api-keys.repository.js';
import { insertOperator, type Db } from '../auth/operators.repository.js';

export type CommandResult = { ok: true; output: string } | { ok: false; error: string };

const operatorInput = z.object({
  name: operatorName,
  role: operatorRoleSchema,
  password: z
    .string()
    .min(12, 'must be at least 12 characters')
    .max(1024, 'must be at most 1024 characters'),
});

const apiKeyInput = z.object({
  label: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 characters of A-Z, a-z, 0-9, "_" or "-"'),
  source: intentSourceSchema,
});

/** Creates an operator (scrypt-hashed password) and audits it; refuses a taken name or a weak input. */
export async function addOperator(
  db: Db,
  input: { name?: string; role?: string; password: string },
): Promise<CommandResult> {
  const parsed = parseResult(operatorInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.issues.join('; ') };
  const { name, role, password } = parsed.value as {
    name: string;
    role: OperatorRole;
    password: string;
  };
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await insertOperator(trx, { name, role, password });
    if (inserted) {
      await appendAudit(trx, {
        kind: 'auth.operator_added',
        actor: 'cli',
        subject: name,
        details: { role },
      });
    }
    return inserted;
  });
  return created
    ? { ok: true, output: `operator ${name} added with role ${role}` }
    : { ok: false, error: `operator ${name} already exists` };
}

/**
 * Creates a `strategy` API key for one source (the strategy's `orders.intent.<source>`) and audits it
 * (without the key); the key is in the output, shown once.
 */
export async function addApiKey(
  db: Db,
  input: { label?: string | undefined; source?: string | undefined },
  now: Date,
): Promise<CommandResult> {
  const parsed = parseResult(apiKeyInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.issues.join('; ') };
  const { label, source } = parsed.value;
  const { id, key } = await db.transaction().execute(async (trx) => {
    const created = await createApiKey(trx, { label, source, now });
    await appendAudit(trx, {
      kind: 'auth.apikey_added',
      actor: 'cli',
      subject: label,
      details: { keyId: created.id, source },
    });
    return created;
  });
  return {
    ok: true,
    output: `API key ${id} (label ${label}, source ${source}, role strategy). Store it now, it is not shown again:\n${key}`,
  };
}
