import crypto from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A ULID-style id in lower-case Crockford base32: 10 characters of millisecond time, then 16 random.
 * Ids sort by creation time, which keeps `ORDER BY id` meaningful in `folio sql`.
 */
export function newId(now: Date = new Date()): string {
  let t = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += CROCKFORD[b % 32];
  return time + rand;
}
