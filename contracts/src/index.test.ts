import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index.js';

const topLevel = {
  OrderIntent: contracts.orderIntentSchema,
  OrderEvent: contracts.orderEventSchema,
  ModeSnapshot: contracts.modeSnapshotSchema,
  ModeChanged: contracts.modeChangedSchema,
  ArmRequest: contracts.armRequestSchema,
  ArmConfirm: contracts.armConfirmSchema,
  ArmingConfirmReply: contracts.armingSchemas.confirm.reply,
  ReconcileRequest: contracts.reconcileRequestSchema,
  ReconcileCompleted: contracts.reconcileCompletedSchema,
  AuditEvent: contracts.auditEventSchema,
  AuditAnchor: contracts.auditAnchorSchema,
  CancelOutcomeEvent: contracts.cancelOutcomeEventSchema,
  CancelRecord: contracts.cancelRecordSchema,
  ErrorBody: contracts.httpErrorBodySchema,
};

const sources = Object.fromEntries(
  readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => [f, readFileSync(join(import.meta.dirname, f), 'utf8')]),
);

describe('@livegate/contracts', () => {
  it('imports nothing from Node built-ins, so the dashboard bundles it without stand-ins', () => {
    expect(Object.keys(sources)).toContain('intent.ts');
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/from ['"](node:|crypto['"]|fs['"]|path['"])/);
    }
  });

  it('keeps the bus names and adds the message schemas', () => {
    expect(contracts.subjects().modeChanged).toBe('mode.changed');
    expect(contracts.streamNames().orderIntents).toBe('ORDER_INTENTS');
    expect(contracts.ARM_PHRASE).toBe('ARM LIVE');
    expect(typeof contracts.formatIssues).toBe('function');
  });

  it('names every top-level schema once, so OpenAPI gets one component each', () => {
    for (const [id, schema] of Object.entries(topLevel)) {
      expect(z.globalRegistry.get(schema)?.id, id).toBe(id);
    }
    const ids = [...Object.keys(z.toJSONSchema(z.globalRegistry).schemas)];
    expect(ids).toEqual(
      expect.arrayContaining([...Object.keys(topLevel), 'OrderFill', 'LiveSession', 'ErrorCode']),
    );
  });

  it('turns every top-level schema into JSON Schema, input and output alike', () => {
    for (const schema of Object.values(topLevel)) {
      expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
      expect(() => z.toJSONSchema(schema, { io: 'output' })).not.toThrow();
    }
    const json = z.toJSONSchema(contracts.orderIntentSchema) as {
      $defs: Record<string, { properties: Record<string, { pattern?: string }> }>;
    };
    expect(json.$defs.OrderIntent?.properties.quantity?.pattern).toBe(
      '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
    );
  });
});
