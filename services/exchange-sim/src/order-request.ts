import { Dec, decimalsWritten } from './decimal.js';
import { CLIENT_ORDER_ID_RANGE, DECIMAL_RANGE, errors, fail, ok, type Outcome } from './errors.js';
import { checkIceberg, stpModeParam } from './order-features.js';
import type { OrderType, Side, StpMode, TimeInForce } from './orders-store.js';
import { parseOrderExtras, type OrderExtras } from './order-extras.js';
import type { Params } from './params.js';
import { ASSET_PRECISION, type SymbolSpec } from './symbols.js';

export type RespType = 'ACK' | 'RESULT' | 'FULL';

/** A `POST /api/v3/order` request that passed parameter validation (filters not yet applied). */
export interface NewOrderRequest {
  readonly spec: SymbolSpec;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce | undefined;
  readonly quantity: Dec | undefined;
  readonly quoteOrderQty: Dec | undefined;
  readonly price: Dec | undefined;
  readonly newClientOrderId: string | undefined;
  readonly respType: RespType;
  readonly extras: OrderExtras;
  readonly stpMode: StpMode;
  readonly icebergQty?: Dec;
}

const CLIENT_ORDER_ID = /^[a-zA-Z0-9-_]{1,36}$/;
const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const SIDES: readonly string[] = ['BUY', 'SELL'];
const TYPES: readonly string[] = ['LIMIT', 'MARKET', 'LIMIT_MAKER'];
const UNSUPPORTED_TYPES: readonly string[] = [
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
];
const TIFS: readonly string[] = ['GTC', 'IOC', 'FOK'];
const RESP_TYPES: readonly string[] = ['ACK', 'RESULT', 'FULL'];

/** A decimal parameter: -1100 when malformed, -1111 past the asset precision; undefined when absent. */
export function decimalParam(params: Params, name: string): Outcome<Dec | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return ok(undefined);
  if (!DECIMAL.test(raw)) return fail(errors.illegalChars(name, DECIMAL_RANGE));
  if (decimalsWritten(raw) > ASSET_PRECISION) return fail(errors.badPrecision(name));
  return ok(new Dec(raw));
}

/** A client order id parameter: -1118/-1119 when empty, -1100 outside ^[a-zA-Z0-9-_]{1,36}$. */
export function clientOrderIdParam(
  params: Params,
  name: 'newClientOrderId' | 'origClientOrderId',
): Outcome<string | undefined> {
  const raw = params.get(name);
  if (raw === undefined) return ok(undefined);
  if (raw === '')
    return fail(
      name === 'newClientOrderId'
        ? errors.emptyNewClientOrderId()
        : errors.emptyOrigClientOrderId(),
    );
  if (!CLIENT_ORDER_ID.test(raw)) return fail(errors.illegalChars(name, CLIENT_ORDER_ID_RANGE));
  return ok(raw);
}

/** `symbol`: -1102 when absent, -1121 when not listed. */
export function symbolParam(
  params: Params,
  specs: ReadonlyMap<string, SymbolSpec>,
): Outcome<SymbolSpec> {
  const raw = params.get('symbol');
  if (raw === undefined || raw === '') return fail(errors.mandatory('symbol'));
  const spec = specs.get(raw);
  return spec === undefined ? fail(errors.badSymbol()) : ok(spec);
}

function enumParams(params: Params) {
  const side = params.get('side');
  const type = params.get('type');
  const tif = params.get('timeInForce');
  const resp = params.get('newOrderRespType');
  if (side === undefined || side === '') return fail(errors.mandatory('side'));
  if (!SIDES.includes(side)) return fail(errors.invalidSide());
  if (type === undefined || type === '') return fail(errors.mandatory('type'));
  if (UNSUPPORTED_TYPES.includes(type)) return fail(errors.unsupportedCombination());
  if (!TYPES.includes(type)) return fail(errors.invalidOrderType());
  if (tif !== undefined && type !== 'LIMIT') return fail(errors.tifNotRequired());
  if (tif === undefined && type === 'LIMIT') return fail(errors.mandatory('timeInForce'));
  if (tif !== undefined && !TIFS.includes(tif)) return fail(errors.invalidTif());
  if (resp !== undefined && !RESP_TYPES.includes(resp))
    return fail(errors.invalidParam('newOrderRespType'));
  const respType = (resp ?? (type === 'LIMIT_MAKER' ? 'ACK' : 'FULL')) as RespType;
  return ok({
    side: side as Side,
    type: type as OrderType,
    tif: tif as TimeInForce | undefined,
    respType,
  });
}

function amounts(params: Params, type: OrderType) {
  const quantity = decimalParam(params, 'quantity');
  if (!quantity.ok) return quantity;
  const quoteOrderQty = decimalParam(params, 'quoteOrderQty');
  if (!quoteOrderQty.ok) return quoteOrderQty;
  const price = decimalParam(params, 'price');
  if (!price.ok) return price;
  if (type === 'MARKET') {
    if (price.value !== undefined) return fail(errors.notRequired('price'));
    if (quantity.value === undefined && quoteOrderQty.value === undefined) {
      return fail(errors.eitherRequired('quantity', 'quoteOrderQty'));
    }
    if (quantity.value !== undefined && quoteOrderQty.value !== undefined)
      return fail(errors.notRequired('quoteOrderQty'));
  } else {
    if (quoteOrderQty.value !== undefined) return fail(errors.notRequired('quoteOrderQty'));
    if (quantity.value === undefined) return fail(errors.mandatory('quantity'));
    if (price.value === undefined) return fail(errors.mandatory('price'));
  }
  return ok({ quantity: quantity.value, quoteOrderQty: quoteOrderQty.value, price: price.value });
}

/** Validates a new order's parameters the way Binance's API layer does, before any filter. */
export function parseNewOrder(
  params: Params,
  specs: ReadonlyMap<string, SymbolSpec>,
): Outcome<NewOrderRequest> {
  const spec = symbolParam(params, specs);
  if (!spec.ok) return spec;
  const enums = enumParams(params);
  if (!enums.ok) return enums;
  const sizes = amounts(params, enums.value.type);
  if (!sizes.ok) return sizes;
  const clientId = clientOrderIdParam(params, 'newClientOrderId');
  if (!clientId.ok) return clientId;
  const extras = parseOrderExtras(params);
  if (!extras.ok) return extras;
  const stpMode = stpModeParam(params, spec.value);
  if (!stpMode.ok) return stpMode;
  const iceberg = decimalParam(params, 'icebergQty');
  if (!iceberg.ok) return iceberg;
  if (iceberg.value !== undefined) {
    const checked = checkIceberg(spec.value, {
      type: enums.value.type,
      timeInForce: enums.value.tif,
      quantity: sizes.value.quantity,
      icebergQty: iceberg.value,
    });
    if (!checked.ok) return checked;
  }
  return ok({
    spec: spec.value,
    side: enums.value.side,
    type: enums.value.type,
    timeInForce: enums.value.tif,
    ...sizes.value,
    newClientOrderId: clientId.value,
    respType: enums.value.respType,
    extras: extras.value,
    stpMode: stpMode.value,
    ...(iceberg.value === undefined ? {} : { icebergQty: iceberg.value }),
  });
}
