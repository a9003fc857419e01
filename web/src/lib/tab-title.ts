import type { TradingMode } from '@livegate/contracts';

/**
 * The browser tab's title: the mode first, so a tab in a row of tabs still says LIVE or HALTED —
 * `LIVE · Orders · livegate`; `Disconnected · LIVE · …` while the live feed is down (the mode shown
 * may be stale); `MODE ? · …` while it is not known.
 */
export function tabTitle(
  page: string,
  { mode, down }: { mode: TradingMode | undefined; down: boolean },
): string {
  const parts = [mode ?? 'MODE ?', page, 'livegate'];
  if (down) parts.unshift('Disconnected');
  return parts.join(' · ');
}
