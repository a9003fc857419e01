import type { AuditAnchor } from '@livegate/contracts';
import type { PublishedAudit } from './read-stream.js';

/** What `pnpm audit:verify` found, with one sentence per finding (the first line sums up). */
export interface AuditVerdict {
  readonly ok: boolean;
  readonly rows: number;
  readonly lastId: string | null;
  /** First row whose link or hash is wrong inside the database (`audit.verify_chain()`). */
  readonly chainBrokenAt: string | null;
  /** First row whose stored hash differs from the copy published when it was written. */
  readonly rewrittenFrom: string | null;
  /** Anchors the database no longer matches: the chain was rewritten, or its tail removed. */
  readonly staleAnchors: readonly AuditAnchor[];
  readonly lines: readonly string[];
}

export interface JudgeInput {
  readonly chainBrokenAt: string | null;
  /** Every stored row's hash by id. */
  readonly stored: ReadonlyMap<string, string>;
  readonly published: PublishedAudit;
}

const byId = (a: string, b: string) => Number(BigInt(a) - BigInt(b));

function lastOf(stored: ReadonlyMap<string, string>): string | null {
  return [...stored.keys()].sort(byId).at(-1) ?? null;
}

function anchorLine(
  a: AuditAnchor,
  stored: string | undefined,
  lastId: string | null,
  after: string | null,
): string {
  const good = after === null ? '' : `; the last anchor that still matches is for id ${after}`;
  if (stored === undefined) {
    const tail =
      lastId === null
        ? 'it is empty'
        : `it ends at ${lastId}, so rows after ${lastId} were removed`;
    return `anchor of ${a.at} names row ${a.lastId}, which the log no longer has: ${tail}${good}`;
  }
  return `anchor of ${a.at} no longer matches row ${a.lastId} (anchored ${a.hash.slice(0, 12)}…, stored ${stored.slice(0, 12)}…): the chain was rewritten at or before id ${a.lastId}${good}`;
}

/** Compares the database's chain with every anchor and published row of the AUDIT stream. */
export function judgeAudit({ chainBrokenAt, stored, published }: JudgeInput): AuditVerdict {
  const lastId = lastOf(stored);
  const lines: string[] = [];
  if (chainBrokenAt !== null)
    lines.push(
      `the chain breaks at id ${chainBrokenAt}: its link or hash is wrong in the database`,
    );
  const changed = published.rows
    .filter((r) => stored.has(r.id) && stored.get(r.id) !== r.hash)
    .map((r) => r.id)
    .sort(byId);
  const rewrittenFrom = changed[0] ?? null;
  if (rewrittenFrom !== null)
    lines.push(
      `row ${rewrittenFrom} differs from the copy published when it was written: rewritten from id ${rewrittenFrom} on (${changed.length} rows differ)`,
    );
  const gone = published.rows
    .filter((r) => !stored.has(r.id))
    .map((r) => r.id)
    .sort(byId);
  if (gone.length > 0)
    lines.push(
      `${gone.length} published rows are missing from the log, the first is id ${gone[0]}`,
    );
  const anchors = [...published.anchors].sort((a, b) => byId(a.lastId, b.lastId));
  const staleAnchors: AuditAnchor[] = [];
  let lastGood: string | null = null;
  for (const a of anchors) {
    const have = stored.get(a.lastId);
    if (have === a.hash) {
      if (staleAnchors.length === 0) lastGood = a.lastId;
      continue;
    }
    if (staleAnchors.length === 0) lines.push(anchorLine(a, have, lastId, lastGood));
    staleAnchors.push(a);
  }
  if (staleAnchors.length > 1) lines.push(`${staleAnchors.length} anchors in all no longer match`);
  if (published.unreadable > 0)
    lines.push(`${published.unreadable} messages on the AUDIT stream were unreadable and skipped`);
  const ok =
    chainBrokenAt === null &&
    rewrittenFrom === null &&
    gone.length === 0 &&
    staleAnchors.length === 0;
  const counts = `${stored.size} rows up to id ${lastId ?? '-'}; ${anchors.length} anchors and ${published.rows.length} published rows checked`;
  lines.unshift(ok ? `audit log intact: ${counts}` : `audit log NOT intact: ${counts}`);
  return { ok, rows: stored.size, lastId, chainBrokenAt, rewrittenFrom, staleAnchors, lines };
}
