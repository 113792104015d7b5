/** An organisation's accessibility statement: an address elsewhere, or its own text, or neither. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface StoredStatement {
  organisationId: string;
  organisationName: string;
  locale: string;
  url: string | null;
  text: string | null;
}

export async function findAccessibilityStatement(
  db: Db,
  organisationId: string,
): Promise<StoredStatement | null> {
  const r = await db
    .selectFrom("organisations")
    .select(["id", "name", "locale", "accessibility_statement_url", "accessibility_statement"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return r
    ? {
        organisationId: r.id,
        organisationName: r.name,
        locale: r.locale,
        url: r.accessibility_statement_url,
        text: r.accessibility_statement,
      }
    : null;
}

export async function saveAccessibilityStatement(
  db: Db,
  organisationId: string,
  statement: { url: string | null; text: string | null },
): Promise<void> {
  await db
    .updateTable("organisations")
    .set({ accessibility_statement_url: statement.url, accessibility_statement: statement.text })
    .where("id", "=", organisationId)
    .execute();
}
