import type { ModeSnapshot, OperatorRole, ReconcileCompleted } from '@livegate/contracts';
import type { ApiResult } from '$lib/api/client.js';
import { parseFrame, type FrameMap } from '$lib/api/frames.js';
import { armingBlocked, keepNewest } from '$lib/reconcile-gate.js';
import { LiveSocket, type SocketLike } from './live-socket.svelte.js';
import { ModeStore } from './mode.svelte.js';

export interface Viewer {
  readonly name: string;
  readonly role: OperatorRole;
}

export interface DashboardProps {
  /** The websocket URL (default: `/ws` on this page's origin). */
  url?: () => string;
  open?: (url: string) => SocketLike;
  /** Asked after repeated failed connects whether the session is still valid (e.g. GET /api/auth/me). */
  checkSession?: () => void;
  /** `GET /api/reconcile/last`: the newest report of each venue, read on every (re)connect. */
  lastReports?: () => Promise<ApiResult<{ items: ReconcileCompleted[] }>>;
}

/** `ws(s)://<this origin>/ws` */
export function sameOriginWsUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * What every signed-in page shares: who is signed in, the mode, the newest reconcile report of each
 * venue, and the websocket that keeps them current. `start` on entering the signed-in area, `stop`
 * on leaving. Whether arming is blocked for reconcile reasons follows the `reconcile.completed`
 * events, not only the snapshot (see `armingBlocked`).
 */
export class Dashboard {
  readonly mode = new ModeStore();
  readonly socket: LiveSocket<FrameMap>;
  viewer = $state<Viewer | undefined>(undefined);
  /** The newest report of each venue, live first; `undefined` until the snapshot or a read says. */
  reports = $state<ReconcileCompleted[] | undefined>(undefined);
  /** Venues whose `reconcile.completed` arrived after the mode snapshot we hold. */
  #reportedSince = $state<string[]>([]);
  readonly #lastReports: DashboardProps['lastReports'];
  #generation = 0;

  constructor({
    url = () => sameOriginWsUrl(location),
    open,
    checkSession,
    lastReports,
  }: DashboardProps = {}) {
    this.#lastReports = lastReports;
    this.socket = new LiveSocket<FrameMap>({
      url,
      parse: parseFrame,
      ...(open === undefined ? {} : { open }),
      onFailure: (n) => {
        if (n % 3 === 0) checkSession?.();
      },
    });
    this.socket.on('snapshot', (data) => {
      this.takeMode(data.mode, { authoritative: true });
      this.viewer = { name: data.session.operator, role: data.session.role };
      this.reports ??= [];
      if (data.lastReconcile !== null) this.#keep(data.lastReconcile);
      void this.#readReports();
    });
    this.socket.on('mode.changed', (change) => this.mode.applyChange(change));
    this.socket.on('reconcile.completed', (report) => {
      this.#keep(report);
      if (!this.#reportedSince.includes(report.venue))
        this.#reportedSince = [...this.#reportedSince, report.venue];
    });
  }

  get isOperator(): boolean {
    return this.viewer?.role === 'operator';
  }

  /** Whether arming is refused for reconcile reasons, as far as the dashboard can tell. */
  get armingBlocked(): boolean {
    return armingBlocked({
      snapshotBlocked: this.mode.snapshot?.reconcileBlocked,
      reports: this.reports ?? [],
      reportedSince: this.#reportedSince,
    });
  }

  /** Takes a full mode snapshot (see `ModeStore.replace`); the reconcile flag restarts from it. */
  takeMode(next: ModeSnapshot | null, options: { authoritative?: boolean } = {}): void {
    if (this.mode.replace(next, options)) this.#reportedSince = [];
  }

  start(viewer: Viewer): void {
    this.viewer = viewer;
    this.socket.connect();
  }

  stop(): void {
    this.#generation += 1;
    this.socket.close();
    this.mode.clear();
    this.viewer = undefined;
    this.reports = undefined;
    this.#reportedSince = [];
  }

  #keep(report: ReconcileCompleted): void {
    this.reports = keepNewest(this.reports ?? [], report);
  }

  async #readReports(): Promise<void> {
    if (this.#lastReports === undefined) return;
    const generation = this.#generation;
    const result = await this.#lastReports();
    if (generation !== this.#generation || !result.ok) return;
    for (const report of result.data.items) this.#keep(report);
  }
}
