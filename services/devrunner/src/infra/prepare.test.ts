import { describe, expect, it } from 'vitest';
import { rolePasswords } from './prepare.js';

describe('prepare - role passwords', () => {
  it('takes the password of each service URL that has one, for its role', () => {
    expect(
      rolePasswords({
        gateway: 'postgres://livegate_gateway:s%40cret@db/livegate',
        arming: 'postgres://livegate_arming@db/livegate',
      }),
    ).toEqual({ livegate_gateway: 's@cret' });
  });
});
