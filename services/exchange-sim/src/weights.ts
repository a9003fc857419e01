/** REQUEST_WEIGHT of one request, per BINANCE.md §2 (unknown paths cost 1). */
export function weightOf(method: string, path: string, query: URLSearchParams): number {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
    case 'GET /api/v3/allOrders':
      return 20;
    case 'GET /api/v3/ticker/price':
      return query.has('symbol') ? 2 : 4;
    case 'POST /api/v3/order/test':
      return query.get('computeCommissionRates') === 'true' ? 20 : 1;
    case 'GET /api/v3/order':
      return 4;
    case 'GET /api/v3/avgPrice':
      return 2;
    case 'GET /api/v3/openOrders':
      return query.has('symbol') ? 6 : 80;
    case 'GET /api/v3/myTrades':
      return query.has('orderId') ? 5 : 20;
    default:
      return 1;
  }
}
