import type { Generated, Selectable } from 'kysely';

/**
 * `auth.login_failures`: failed (or not yet checked) sign-ins, for the gateway's login throttle.
 * `name` is the name tried (known or not); `address` the client address when the gateway knew it.
 */
export interface LoginFailuresTable {
  id: Generated<string>;
  name: string;
  address: string | null;
  at: Date;
}

export type LoginFailureRow = Selectable<LoginFailuresTable>;
