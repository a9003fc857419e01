/** Where to go after signing in: a same-origin path from `?next=`, never another site. */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}
