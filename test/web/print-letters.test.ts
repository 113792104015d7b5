/**
 * Letters for print on the demo, through the real app on each database: the case of a complainant
 * with only a postal address says its letters are to be printed and posted; the list of letters for
 * print shows them to those who may see the case, with the PDF; marking one posted (a form with the
 * CSRF token) is journalised, leaves the list, and cannot be done twice nor by who may not see the case.
 */
import { describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { findLetter, outboxFor } from "../../src/db/outbox.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { HAS_VNU, vnuBatch } from "../support/vnu-check.js";
import { WebClient } from "../support/web-session.js";

const K = (local: string) => `${local}@kommune.example`;
/** Demo Kommune's complaint (the phone-first procedure) from someone who gave only a postal address. */
const POSTAL = "KLA-2026-000025";
/** A complaint about a school leader (a personnel case) from someone with only a postal address. */
const PERSONNEL = "KLA-2026-000015";

/** the pages both dialects rendered, checked in one run of the Nu Html Checker at the end (a JVM start is slow) */
const checked = vnuBatch();

describe.each(DIALECTS)("letters for print (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const caseId = async (reference: string) =>
    (
      await demo.t.db.kysely
        .selectFrom("cases")
        .select("id")
        .where("reference", "=", reference)
        .executeTakeFirstOrThrow()
    ).id;

  /** The case's handler signs in: they may see it. */
  const asHandler = async (reference: string) => {
    const c = await findCase(demo.t.db.kysely, await caseId(reference));
    const person = await demo.t.db.kysely
      .selectFrom("people")
      .select(["email", "name"])
      .where("id", "=", c!.handlers[0]!.personId)
      .executeTakeFirstOrThrow();
    return { client: await demo.signedIn(person.email), name: person.name };
  };

  it("the case says its letters are to be printed and posted, and links the list", async () => {
    const { client } = await asHandler(POSTAL);
    const page = await client.get(`/cases/${await caseId(POSTAL)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Brev til print: 3 brev skal printes og sendes med posten.");
    expect(page.body).toContain('<a href="/letters/print">Se breve til print</a>');
    // and the navigation has the list
    expect(page.body).toContain('<a href="/letters/print">Breve til print</a>');
  });

  it("lists the letters waiting for print with their PDF; marking one posted is journalised, once", async () => {
    const { client, name } = await asHandler(POSTAL);
    const list = await client.get("/letters/print");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("<h1>Breve til print</h1>");
    expect(list.body).toContain(POSTAL);
    expect(list.body).toContain("Grethe Bang, Lindevej 7, 9999 Demoby");
    const id = await caseId(POSTAL);
    const letterId = new RegExp(`href="/cases/${id}/letters/([^/"]+)/pdf"`).exec(list.body)?.[1];
    expect(letterId).toBeDefined();
    const pdf = await client.get(`/cases/${id}/letters/${letterId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");

    // without the CSRF token: refused, nothing marked
    expect((await client.post(`/letters/${letterId}/posted`, {})).statusCode).toBe(403);
    expect((await findLetter(demo.t.db.kysely, letterId!))?.state).toBe("for_print");

    const done = await client.post(`/letters/${letterId}/posted`, { _csrf: WebClient.token(list.body) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/letters/print?posted=${POSTAL}`);
    const after = await client.get(done.headers.location as string);
    expect(after.body).toContain(`Brevet på sag ${POSTAL} er markeret som printet og sendt.`);
    expect(after.body).not.toContain(`/letters/${letterId}/pdf`);

    const letter = await findLetter(demo.t.db.kysely, letterId!);
    expect(letter?.state).toBe("printed");
    expect(letter?.sentAt).not.toBeNull();
    const entry = (await journalOf(demo.t.db.kysely, id)).at(-1)!;
    expect(entry.title).toBe("Letter printed and posted");
    expect(entry.actor).toBe(name);
    expect(entry.body).toContain(letter!.subject!);
    expect(entry.body).toContain("Lindevej 7, 9999 Demoby");

    // the case now says one letter waits, and the posted one is "printed and posted"
    const casePage = await client.get(`/cases/${id}`);
    expect(casePage.body).toContain("Brev til print: 2 brev skal printes og sendes med posten.");
    expect(casePage.body).toContain("printet og sendt med posten");
    // the journal entry in the reader's language (its event, decision 0019)
    expect(entry.event).toEqual({ code: "letter_posted", params: {} });
    expect(casePage.body).toContain("Brevet er printet og sendt med posten");

    // twice: a conflict, the journal unchanged
    const again = await client.post(`/letters/${letterId}/posted`, { _csrf: WebClient.token(after.body) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Brevet var allerede markeret som printet og sendt.");
    expect((await journalOf(demo.t.db.kysely, id)).at(-1)!.seq).toBe(entry.seq);
  });

  it("shows nothing to who may not see the case, and refuses their marking", async () => {
    const analyst = await demo.signedIn(K("analytiker"));
    expect((await analyst.get("/letters/print")).statusCode).toBe(403);
    const other = await demo.signedIn(K("sagsbehandler.ydelse"));
    const list = await other.get("/letters/print");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(PERSONNEL);
    const [waiting] = await demo.t.db.kysely
      .selectFrom("outbox")
      .select("id")
      .where("case_id", "=", await caseId(PERSONNEL))
      .where("state", "=", "for_print")
      .execute();
    const refused = await other.post(`/letters/${waiting!.id}/posted`, { _csrf: WebClient.token(list.body) });
    expect(refused.statusCode).toBe(403);
    expect((await findLetter(demo.t.db.kysely, waiting!.id))?.state).toBe("for_print");
  });

  it.skipIf(!HAS_VNU)(
    "renders the list and the case's notice in da, nb and en for the Nu Html Checker",
    async () => {
      const { client } = await asHandler(POSTAL);
      const id = await caseId(POSTAL);
      const pages = [];
      for (const lang of ["da", "nb", "en"]) {
        pages.push({
          name: `print-${lang}-${dialect}`,
          html: (await client.get(`/letters/print?lang=${lang}`)).body,
        });
        pages.push({
          name: `case-${lang}-${dialect}`,
          html: (await client.get(`/cases/${id}?lang=${lang}`)).body,
        });
      }
      expect(pages[0]!.html).toContain("<table");
      checked.add(...pages);
    },
    60_000,
  );

  it("after the last failed delivery the case shows it and its coordinator is told", async () => {
    const EMAIL = "KLA-2026-000024"; // the phone-first procedure, a complainant with an e-mail address
    const id = await caseId(EMAIL);
    const [queued] = (await outboxFor(demo.t.db.kysely, id)).filter((l) => l.state === "queued");
    expect(queued).toBeDefined();
    const refusing = {
      send: async () => {
        throw Object.assign(new Error("Try again later"), { responseCode: 451 });
      },
    };
    // a temporary refusal (4xx), one attempt only: the first refusal is the last
    await deliverMail(demo.deps, { sender: refusing, from: "klager@kommune.example", maxAttempts: 1 });
    expect((await findLetter(demo.t.db.kysely, queued!.id))?.state).toBe("failed");
    const entry = (await journalOf(demo.t.db.kysely, id)).find((e) => e.kind === "letter_failed");
    expect(entry?.body).toContain("451 Try again later");
    const told = await demo.t.db.kysely
      .selectFrom("notifications")
      .select(["person_id", "kind"])
      .where("case_id", "=", id)
      .where("kind", "=", "letter_failed")
      .execute();
    expect(told.length).toBeGreaterThan(0);
    const { client } = await asHandler(EMAIL);
    const page = await client.get(`/cases/${id}`);
    expect(page.body).toContain("kunne ikke leveres");
    expect(page.body).toContain("451 Try again later");
  });
});

describe("letters for print", () => {
  checked.itValidates(
    "the list and the case's notice validate with the Nu Html Checker in da, nb and en",
    6 * DIALECTS.length,
  );
});
