/** A Binance error answer: HTTP status plus the `{ code, msg }` body. */
export interface ApiError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
  /** Extra response headers (Retry-After on 429/418). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The outcome of a step that can be refused with a Binance error. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(error: ApiError): Outcome<T> => ({ ok: false, error });

const bad = (code: number, msg: string): ApiError => ({ status: 400, code, msg });

export const CLIENT_ORDER_ID_RANGE = '^[a-zA-Z0-9-_]{1,36}$';
export const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';

export const errors = {
  unsupportedOperation: (): ApiError => ({
    status: 404,
    code: -1020,
    msg: 'This operation is not supported.',
  }),
  illegalChars: (param: string, range: string) =>
    bad(-1100, `Illegal characters found in parameter '${param}'; legal range is '${range}'.`),
  duplicateParams: () => bad(-1101, 'Duplicate values for a parameter detected.'),
  mandatory: (param: string) =>
    bad(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  eitherRequired: (a: string, b: string) =>
    bad(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  unsupportedCombination: () => bad(-1014, 'Unsupported order combination.'),
  unreadParams: (read: number, sent: number) =>
    bad(
      -1104,
      `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`,
    ),
  notRequired: (param: string) => bad(-1106, `Parameter '${param}' sent when not required.`),
  badPrecision: (param: string) => bad(-1111, `Parameter '${param}' has too much precision.`),
  tifNotRequired: () => bad(-1114, 'TimeInForce parameter sent when not required.'),
  invalidTif: () => bad(-1115, 'Invalid timeInForce.'),
  invalidOrderType: () => bad(-1116, 'Invalid orderType.'),
  invalidSide: () => bad(-1117, 'Invalid side.'),
  emptyNewClientOrderId: () => bad(-1118, 'New client order ID was empty.'),
  emptyOrigClientOrderId: () => bad(-1119, 'Original client order ID was empty.'),
  badSymbol: () => bad(-1121, 'Invalid symbol.'),
  invalidSymbolStatus: () => bad(-1122, 'Invalid symbolStatus.'),
  moreThan24Hours: () => bad(-1127, 'More than 24 hours between startTime and endTime.'),
  badCombination: () => bad(-1128, 'Combination of optional parameters invalid.'),
  invalidParam: (param: string) => bad(-1130, `Data sent for parameter '${param}' is not valid.`),
  greaterThan: (param: string, max: string) =>
    bad(-1102, `'${param}' contains unexpected value. Cannot be greater than '${max}'.`),
  badStrategyType: () => bad(-1134, '`strategyType` was less than 1000000.'),
  invalidCancelRestrictions: () => bad(-1145, 'Invalid cancelRestrictions'),
  timestampOutsideWindow: () =>
    bad(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  timestampAhead: () =>
    bad(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  badSignature: () => bad(-1022, 'Signature for this request is not valid.'),
  badApiKeyFormat: (): ApiError => ({ status: 401, code: -2014, msg: 'API-key format invalid.' }),
  rejectedApiKey: (): ApiError => ({
    status: 401,
    code: -2015,
    msg: 'Invalid API-key, IP, or permissions for action.',
  }),
  filter: (name: string) => bad(-1013, `Filter failure: ${name}`),
  stpModeNotAllowed: () =>
    bad(-1013, 'This symbol does not allow the specified self-trade prevention mode.'),
  icebergNotSupported: () => bad(-2010, 'Iceberg orders are not supported for this symbol.'),
  icebergExceedsQty: () => bad(-2010, 'IcebergQty exceeds QTY.'),
  duplicateOrder: () => bad(-2010, 'Duplicate order sent.'),
  noLiquidity: () =>
    bad(-2010, 'Order book liquidity is less than LOT_SIZE filter minimum quantity.'),
  insufficientBalance: () => bad(-2010, 'Account has insufficient balance for requested action.'),
  wouldTake: () => bad(-2010, 'Order would immediately match and take.'),
  unknownOrderCancel: () => bad(-2011, 'Unknown order sent.'),
  cancelRestricted: () => bad(-2011, 'Order was not canceled due to cancel restrictions.'),
  noSuchOrder: () => bad(-2013, 'Order does not exist.'),
  clientOrderIdMismatch: () => bad(-2039, 'Client order ID is not correct for this order ID.'),
  tooMuchWeight: (limit: number, retryAfterSec: number): ApiError => ({
    status: 429,
    code: -1003,
    msg: `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    headers: { 'Retry-After': String(retryAfterSec) },
  }),
  banned: (untilMs: number, retryAfterSec: number): ApiError => ({
    status: 418,
    code: -1003,
    msg: `Way too much request weight used; IP banned until ${untilMs}. Please use WebSocket Streams for live updates to avoid bans.`,
    headers: { 'Retry-After': String(retryAfterSec) },
  }),
  tooManyOrders: (limit: number, interval: string, retryAfterSec: number): ApiError => ({
    status: 429,
    code: -1015,
    msg: `Too many new orders; current limit is ${limit} orders per ${interval}.`,
    headers: { 'Retry-After': String(retryAfterSec) },
  }),
  backendTimeout: (): ApiError => ({
    status: 503,
    code: -1007,
    msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
  }),
  serverBusy: (): ApiError => ({
    status: 503,
    code: -1008,
    msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.',
  }),
} as const;
