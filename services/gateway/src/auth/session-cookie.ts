import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'livegate_session';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** The session cookie value when it has the shape we hand out; anything else counts as absent. */
export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  return value !== undefined && COOKIE_VALUE.test(value) ? value : undefined;
}

/** httpOnly, SameSite=Strict, path `/`, `Secure` when configured; lives as long as the session. */
export function writeSessionCookie(
  c: Context,
  value: string,
  { maxAgeS, secure }: { maxAgeS: number; secure: boolean },
): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: maxAgeS,
  });
}

export function clearSessionCookie(c: Context, { secure }: { secure: boolean }): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', secure, path: '/' });
}
