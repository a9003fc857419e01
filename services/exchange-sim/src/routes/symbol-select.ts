import { errors, fail, ok, type Outcome } from '../errors.js';
import { booleanParam } from '../param-names.js';
import type { Params } from '../params.js';
import type { SymbolSpec } from '../symbols.js';

const SYMBOL_STATUSES: readonly string[] = [
  'TRADING',
  'END_OF_DAY',
  'HALT',
  'BREAK',
  'CANCEL_ONLY',
];
/** Every listed symbol trades; its permission sets are [["SPOT"]]. */
const SYMBOL_STATUS = 'TRADING';
export const SYMBOL_PERMISSIONS: readonly string[] = ['SPOT'];

/** A JSON array of strings (`symbols`, `permissions`); -1130 when it is not one. */
function stringList(params: Params, name: string): Outcome<string[] | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return ok(undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail(errors.invalidParam(name));
  }
  if (!Array.isArray(parsed)) return fail(errors.invalidParam(name));
  return ok(parsed.map(String));
}

/**
 * `symbol=` or `symbols=["A","B"]` narrowed to listed symbols (-1121 for an unknown one; both at
 * once is -1128); else every symbol, filtered by `symbolStatus` (-1122 when not a status) and
 * `permissions` (`SPOT` or a JSON list) — which cannot be combined with a symbol (-1128). The
 * endpoint's -1104 check decides which of these it reads (ticker/price: symbol / symbols only).
 */
export function selectSymbols(specs: readonly SymbolSpec[], params: Params): Outcome<SymbolSpec[]> {
  const symbol = params.get('symbol');
  const symbols = stringList(params, 'symbols');
  if (!symbols.ok) return symbols;
  const status = params.get('symbolStatus');
  const rawPermissions = params.get('permissions');
  const named = symbol !== undefined || symbols.value !== undefined;
  if (symbol !== undefined && symbols.value !== undefined) return fail(errors.badCombination());
  if (named && (status !== undefined || rawPermissions !== undefined))
    return fail(errors.badCombination());
  if (status !== undefined && !SYMBOL_STATUSES.includes(status))
    return fail(errors.invalidSymbolStatus());
  const permissions =
    rawPermissions?.startsWith('[') === true
      ? stringList(params, 'permissions')
      : ok(rawPermissions === undefined ? undefined : [rawPermissions]);
  if (!permissions.ok) return permissions;
  if (!named) {
    return ok(
      specs.filter(
        () =>
          (status === undefined || status === SYMBOL_STATUS) &&
          (permissions.value === undefined ||
            permissions.value.some((p) => SYMBOL_PERMISSIONS.includes(p))),
      ),
    );
  }
  const picked: SymbolSpec[] = [];
  for (const name of symbols.value ?? [symbol as string]) {
    const spec = specs.find((s) => s.symbol === name);
    if (spec === undefined) return fail(errors.badSymbol());
    picked.push(spec);
  }
  return ok(picked);
}

/** `showPermissionSets` (default true); -1100 when not true / false. */
export const showPermissionSets = (params: Params): Outcome<boolean> => {
  const shown = booleanParam(params, 'showPermissionSets');
  return shown.ok ? ok(shown.value ?? true) : shown;
};
