import { Dec, ZERO } from './decimal.js';

export interface Balance {
  free: Dec;
  locked: Dec;
}

export interface SimAccount {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly uid: number;
  readonly balances: Map<string, Balance>;
  /** Commission rates as fractions ("0.001" = 0.1 %). */
  readonly makerRate: Dec;
  readonly takerRate: Dec;
  updateTime: number;
}

export interface NewAccount {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly balances: Readonly<Record<string, string>>;
  readonly makerRate: string;
  readonly takerRate: string;
}

/** The balance row of `asset`, created empty on first use. */
export function balanceOf(account: SimAccount, asset: string): Balance {
  let balance = account.balances.get(asset);
  if (balance === undefined) {
    balance = { free: ZERO, locked: ZERO };
    account.balances.set(asset, balance);
  }
  return balance;
}

/** Moves `amount` from free to locked; false (nothing changed) when free is short. */
export function lock(account: SimAccount, asset: string, amount: Dec): boolean {
  const balance = balanceOf(account, asset);
  if (balance.free.lt(amount)) return false;
  balance.free = balance.free.minus(amount);
  balance.locked = balance.locked.plus(amount);
  return true;
}

/** Moves `amount` from locked back to free. */
export function unlock(account: SimAccount, asset: string, amount: Dec): void {
  const balance = balanceOf(account, asset);
  balance.locked = balance.locked.minus(amount);
  balance.free = balance.free.plus(amount);
}

/** Adds (or with a negative amount removes) free funds; false when free would go negative. */
export function credit(account: SimAccount, asset: string, amount: Dec): boolean {
  const balance = balanceOf(account, asset);
  const next = balance.free.plus(amount);
  if (next.isNegative()) return false;
  balance.free = next;
  return true;
}

/** Every account, keyed by API key. */
export function createAccounts({ clock }: { clock: () => number }) {
  const byKey = new Map<string, SimAccount>();
  let nextUid = 1_000_001;
  return {
    /** Creates (or replaces) the account of `input.apiKey`. */
    create(input: NewAccount): SimAccount {
      const account: SimAccount = {
        apiKey: input.apiKey,
        apiSecret: input.apiSecret,
        uid: nextUid++,
        balances: new Map(),
        makerRate: new Dec(input.makerRate),
        takerRate: new Dec(input.takerRate),
        updateTime: clock(),
      };
      for (const [asset, amount] of Object.entries(input.balances)) {
        balanceOf(account, asset).free = new Dec(amount);
      }
      byKey.set(account.apiKey, account);
      return account;
    },
    get(apiKey: string): SimAccount | undefined {
      return byKey.get(apiKey);
    },
    clear(): void {
      byKey.clear();
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
