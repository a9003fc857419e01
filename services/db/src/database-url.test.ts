import { describe, expect, it } from 'vitest';
import { checkDatabaseUrl, DEFAULT_DATABASE_URL, redactDatabaseUrl } from './database-url.js';

describe('redactDatabaseUrl', () => {
  it('masks the password of a parseable URL and leaves others alone', () => {
    expect(redactDatabaseUrl('postgres://app:s3cret@db:5432/livegate')).toBe(
      'postgres://app:***@db:5432/livegate',
    );
    expect(redactDatabaseUrl(DEFAULT_DATABASE_URL)).toBe(DEFAULT_DATABASE_URL);
  });

  it('masks what looks like a password in a URL that does not parse', () => {
    const shown = redactDatabaseUrl('postgres://app:s3 cret@db:x/livegate');
    expect(shown).toBe('postgres://app:***@db:x/livegate');
    expect(redactDatabaseUrl('garbage')).toBe('garbage');
  });
});

describe('checkDatabaseUrl', () => {
  it('accepts postgres and postgresql URLs, and a socket directory as host parameter', () => {
    expect(checkDatabaseUrl(DEFAULT_DATABASE_URL)).toEqual({
      ok: true,
      display: DEFAULT_DATABASE_URL,
    });
    expect(checkDatabaseUrl('postgresql://u:p@h/d')).toEqual({
      ok: true,
      display: 'postgresql://u:***@h/d',
    });
    expect(checkDatabaseUrl('postgres:///livegate?host=/var/run/postgresql').ok).toBe(true);
  });

  it('names what is wrong with a bad URL', () => {
    expect(checkDatabaseUrl('not a url')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not a valid URL/),
    });
    expect(checkDatabaseUrl('postgres://u@h:abc/d')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not a valid URL/),
    });
    expect(checkDatabaseUrl('http://h/d')).toMatchObject({
      ok: false,
      problem: 'scheme "http:" is not postgres:// or postgresql://',
    });
    expect(checkDatabaseUrl('postgres:///d')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^no host/),
    });
  });
});
