import { describe, expect, it } from 'vitest';
import { judgeAudit } from './judge.js';

const h = (c: string) => c.repeat(64);
const stored = new Map([
  ['1', h('a')],
  ['2', h('b')],
  ['3', h('c')],
]);
const at = '2026-03-02T09:00:00.000Z';
const none = { anchors: [], rows: [], unreadable: 0 };

describe('judgeAudit', () => {
  it('finds an intact log intact, counting what it checked', () => {
    const verdict = judgeAudit({
      chainBrokenAt: null,
      stored,
      published: {
        anchors: [{ lastId: '3', hash: h('c'), at }],
        rows: [
          { id: '1', hash: h('a') },
          { id: '3', hash: h('c') },
        ],
        unreadable: 0,
      },
    });
    expect(verdict).toMatchObject({ ok: true, rows: 3, lastId: '3', rewrittenFrom: null });
    expect(verdict.lines).toEqual([
      'audit log intact: 3 rows up to id 3; 1 anchors and 2 published rows checked',
    ]);
  });

  it('reports a chain broken inside the database', () => {
    const verdict = judgeAudit({ chainBrokenAt: '2', stored, published: none });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toEqual([
      'audit log NOT intact: 3 rows up to id 3; 0 anchors and 0 published rows checked',
      'the chain breaks at id 2: its link or hash is wrong in the database',
    ]);
  });

  it('names the first rewritten row from the published copies, and the anchors it invalidates', () => {
    const verdict = judgeAudit({
      chainBrokenAt: null,
      stored,
      published: {
        anchors: [
          { lastId: '3', hash: h('f'), at },
          { lastId: '1', hash: h('a'), at },
          { lastId: '2', hash: h('e'), at },
        ],
        rows: [
          { id: '3', hash: h('f') },
          { id: '2', hash: h('e') },
          { id: '1', hash: h('a') },
        ],
        unreadable: 0,
      },
    });
    expect(verdict).toMatchObject({ ok: false, rewrittenFrom: '2' });
    expect(verdict.staleAnchors.map((a) => a.lastId)).toEqual(['2', '3']);
    expect(verdict.lines.slice(1)).toEqual([
      'row 2 differs from the copy published when it was written: rewritten from id 2 on (2 rows differ)',
      `anchor of ${at} no longer matches row 2 (anchored eeeeeeeeeeee…, stored bbbbbbbbbbbb…): the chain was rewritten at or before id 2; the last anchor that still matches is for id 1`,
      '2 anchors in all no longer match',
    ]);
  });

  it('dates a rewrite from the last anchor that matched before the first stale one', () => {
    const verdict = judgeAudit({
      chainBrokenAt: null,
      stored,
      published: {
        anchors: [
          { lastId: '2', hash: h('e'), at },
          { lastId: '3', hash: h('c'), at },
        ],
        rows: [],
        unreadable: 0,
      },
    });
    expect(verdict.staleAnchors.map((a) => a.lastId)).toEqual(['2']);
    expect(verdict.lines[1]).toMatch(/rewritten at or before id 2$/);
  });

  it('reports an anchor beyond the tail when the newest rows were removed', () => {
    const verdict = judgeAudit({
      chainBrokenAt: null,
      stored,
      published: {
        anchors: [{ lastId: '5', hash: h('d'), at }],
        rows: [{ id: '4', hash: h('d') }],
        unreadable: 2,
      },
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines.slice(1)).toEqual([
      '1 published rows are missing from the log, the first is id 4',
      `anchor of ${at} names row 5, which the log no longer has: it ends at 3, so rows after 3 were removed`,
      '2 messages on the AUDIT stream were unreadable and skipped',
    ]);
  });

  it('says so when the whole log is gone', () => {
    const verdict = judgeAudit({
      chainBrokenAt: null,
      stored: new Map(),
      published: { anchors: [{ lastId: '3', hash: h('c'), at }], rows: [], unreadable: 0 },
    });
    expect(verdict.lastId).toBeNull();
    expect(verdict.lines).toEqual([
      'audit log NOT intact: 0 rows up to id -; 1 anchors and 0 published rows checked',
      `anchor of ${at} names row 3, which the log no longer has: it is empty`,
    ]);
  });
});
