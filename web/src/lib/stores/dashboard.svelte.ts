import type { OperatorRole, ReconcileCompleted } from '@livegate/contracts';
import { parseFrame, type FrameMap } from '$lib/api/frames.js';
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
}

/** `ws(s)://<this origin>/ws` */
export function sameOriginWsUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * What every signed-in page shares: who is signed in, the mode, the last reconcile report, and the
 * websocket that keeps them current. `start` on entering the signed-in area, `stop` on leaving.
 */
export class Dashboard {
  readonly mode = new ModeStore();
  readonly socket: LiveSocket<FrameMap>;
  viewer = $state<Viewer | undefined>(undefined);
  /** `undefined` until the websocket's snapshot says; `null` when no run has finished yet. */
  lastReconcile = $state<ReconcileCompleted | null | undefined>(undefined);

  constructor({ url = () => sameOriginWsUrl(location), open, checkSession }: DashboardProps = {}) {
    this.socket = new LiveSocket<FrameMap>({
      url,
      parse: parseFrame,
      ...(open === undefined ? {} : { open }),
      onFailure: (n) => {
        if (n % 3 === 0) checkSession?.();
      },
    });
    this.socket.on('snapshot', (data) => {
      this.mode.replace(data.mode, { authoritative: true });
      this.viewer = { name: data.session.operator, role: data.session.role };
      this.lastReconcile = data.lastReconcile;
    });
    this.socket.on('mode.changed', (change) => this.mode.applyChange(change));
    this.socket.on('reconcile.completed', (report) => {
      this.lastReconcile = report;
    });
  }

  get isOperator(): boolean {
    return this.viewer?.role === 'operator';
  }

  start(viewer: Viewer): void {
    this.viewer = viewer;
    this.socket.connect();
  }

  stop(): void {
    this.socket.close();
    this.mode.clear();
    this.viewer = undefined;
    this.lastReconcile = undefined;
  }
}
