import type { Logger } from '@livegate/runtime';
import { Decimal } from 'decimal.js';
import type { AccountInfo, VenueBalance } from './account.js';
import type { QueryOutcome } from './outcome.js';
import type { Cached } from './ttl-cache.js';
import type { AccountPosition, BalanceUpdate, UserDataEvent } from './user-data-events.js';

type AccountDelta = AccountPosition | BalanceUpdate;

export interface AccountViewProps {
  readonly now: () => number;
  readonly logger: Logger;
  /** GET /api/v3/account (the snapshot every resync starts from). */
  readonly snapshot: () => Promise<QueryOutcome<AccountInfo>>;
  /** Whether the user data stream is subscribed now (the view is only used while it is). */
  readonly live: () => boolean;
  /**
   * Told the whole account after every change the view takes: a snapshot (with the deltas kept
   * during it) and each delta after it. Never called for a delta dropped (no snapshot yet).
   */
  readonly onChange?: (account: AccountInfo) => void;
}

export interface AccountView {
  /**
   * The account as the stream has it, or undefined (resyncing, stream down, or no snapshot: one is
   * then taken).
   */
  current(): Cached<AccountInfo> | undefined;
  /** Whether balances are served now (no side effect, unlike {@link current}). */
  synced(): boolean;
  /** Feed of the user data stream. */
  onEvent(event: UserDataEvent): void;
  /** The stream may have missed events: take a REST snapshot, then apply the deltas after it. */
  resync(): Promise<void>;
}

/**
 * Balances fed by the user data stream: a REST snapshot on every (re)subscription and gap, then
 * `outboundAccountPosition` (absolute free/locked of the assets a change touched) and
 * `balanceUpdate` (a deposit or withdrawal delta). Deltas that arrive while the snapshot is in flight
 * are kept and applied after it when they are not older than it (`u` / `T` ≥ its `updateTime`).
 */
export function createAccountView(props: AccountViewProps): AccountView {
  const { now, logger } = props;
  let account: AccountInfo | undefined;
  let changedAt = 0;
  let pending: AccountDelta[] | undefined;
  let generation = 0;

  function apply(delta: AccountDelta): void {
    const base = account as AccountInfo;
    const balances = new Map<string, VenueBalance>(base.balances);
    if (delta.kind === 'accountPosition') {
      for (const b of delta.balances) balances.set(b.asset, b);
    } else {
      const held = balances.get(delta.asset) ?? { asset: delta.asset, free: '0', locked: '0' };
      const free = Decimal.max(0, new Decimal(held.free).plus(delta.delta)).toFixed();
      balances.set(delta.asset, { ...held, free });
    }
    account = { ...base, balances };
    changedAt = now();
  }

  // A position at the snapshot's own update time is no older than it (absolute amounts); a deposit
  // cleared then is already in it.
  const after = (d: AccountDelta, since: number) =>
    d.kind === 'accountPosition' ? d.updateTime >= since : d.clearTime > since;

  return {
    current() {
      if (pending !== undefined || !props.live()) return undefined;
      if (account === undefined) {
        // The last snapshot failed: the next one is taken now (sharing the caller's REST read).
        void this.resync();
        return undefined;
      }
      return { value: account, loadedAt: changedAt };
    },
    synced: () => account !== undefined && pending === undefined && props.live(),
    onEvent(event) {
      if (event.kind !== 'accountPosition' && event.kind !== 'balanceUpdate') return;
      if (pending !== undefined) pending.push(event);
      else if (account !== undefined) {
        apply(event);
        props.onChange?.(account);
      }
    },
    async resync() {
      const mine = ++generation;
      pending = [];
      const snapshot = await props.snapshot();
      if (mine !== generation) return; // a newer resync owns the view
      const kept = pending;
      pending = undefined;
      if (snapshot.kind !== 'ok') {
        account = undefined;
        logger.warn({ outcome: snapshot.kind }, 'account snapshot failed: balances read by REST');
        return;
      }
      account = snapshot.value;
      changedAt = now();
      const since = snapshot.value.updateTime ?? 0;
      for (const delta of kept) if (after(delta, since)) apply(delta);
      props.onChange?.(account);
    },
  };
}
