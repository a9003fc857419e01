import { sql, type Kysely, type RawBuilder } from 'kysely';

// Refusals the gateway decides on control routes (no or wrong credentials, a role or a source not
// allowed, a foreign Origin, a throttled sign-in), counted per minute window and key (code, actor,
// client address, route) so a flood cannot bloat the audit log: the first refusal of a key in a window
// writes an `auth.refused` audit row at once, the rest only count here; when the window has closed the
// gateway writes one `auth.refused_repeated` row with that count and deletes the window's rows.
const statements: RawBuilder<unknown>[] = [
  sql`create table auth.refusal_windows (
    window_start timestamptz not null,
    code text not null check (char_length(code) between 1 and 64),
    actor text not null check (char_length(actor) between 1 and 128),
    address text not null check (char_length(address) <= 64),
    route text not null check (char_length(route) between 1 and 256),
    count integer not null check (count >= 1),
    primary key (window_start, code, actor, address, route)
  )`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration never depends on today's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table auth.refusal_windows`.execute(db);
}
