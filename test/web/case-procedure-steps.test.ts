import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("procedure steps on the case page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn, personId } = demo;

  const act = async (client: WebClient, id: string, command: string, fields: Record<string, string> = {}) =>
    expect((await client.command(id, command, fields)).statusCode, command).toBe(303);
  const journalTitles = async (id: string) =>
    (
      await demo.t.db.kysely
        .selectFrom("journal_entries")
        .select("title")
        .where("case_id", "=", id)
        .orderBy("seq")
        .execute()
    ).map((r) => r.title);
  const assignedTo = async (email: string, complaint: Parameters<typeof submitComplaint>[1], type = "") => {
    const { id } = (await submitComplaint(demo.deps, complaint)).receipt;
    const receiver = await signedIn("modtager@kommune.example");
    await act(receiver, id, "acknowledge");
    if (type) await act(receiver, id, "classify", { type, category: complaint.category ?? "" });
    await act(receiver, id, "assign", { handler1: await personId(email), part1: "" });
    return id;
  };

  it("completes dk-abc's tasks with their notes, named in the reader's language", async () => {
    const id = await assignedTo("sagsbehandler.job@kommune.example", {
      procedure: "dk-abc",
      unit: "JOBCENTER",
      category: "case_handling",
      subject: "Ingen ringede",
      description: "Ingen ringede tilbage.",
      complainant: { name: "Morten Storm", phone: "+45 31 32 33 34", anonymous: false },
    });
    const handler = await signedIn("sagsbehandler.job@kommune.example");
    const page = (await handler.get(`/cases/${id}`)).body;
    expect(page).toContain("<h2>Opgaver</h2>");
    expect(page).toContain("<strong>A: Kontakt klageren direkte og mundtligt");
    expect(page).toMatch(/id="complete-task-task"[\s\S]*?<option value="a_contact"/);

    const noNote = await handler.command(id, "complete-task", { task: "a_contact", note: " " });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toMatch(/id="complete-task-note-error">[\s\S]{0,80}Udfyld feltet\./);
    expect((await journalTitles(id)).some((x) => x.startsWith("Task done"))).toBe(false);

    await act(handler, id, "complete-task", { task: "a_contact", note: "Ringet <b>op</b>." });
    const after = (await handler.get(`/cases/${id}`)).body;
    expect(after).toMatch(/A: Kontakt klageren[^<]*<\/strong>: Udført /);
    expect(after).toContain("Ringet &lt;b&gt;op&lt;/b&gt;.");
    expect(after).toContain("Opgave udført: A: Kontakt klageren");
    // the done task is no longer offered, and doing it again is refused in Danish
    expect(after).not.toMatch(/<option value="a_contact"/);
    const again = await handler.command(id, "complete-task", { task: "a_contact", note: "Igen." });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Handlingen kan ikke udføres nu: opgaven er allerede udført.");
    expect(await journalTitles(id)).toContain("Task done: a_contact");

    // B and C come before any reply (issue 7: required steps); then the phone call resolves it
    await act(handler, id, "complete-task", { task: "b_gather", note: "Talt med medarbejderen." });
    await act(handler, id, "complete-task", { task: "c_get_back", note: "Ringet tilbage." });
    const noContact = await handler.command(id, "send-reply", { outcome: "upheld", resolution: "informal" });
    expect(noContact.body).toContain("registrér først telefonkontakten.");
    await act(handler, id, "record-contact", { channel: "phone", note: "Talt med borgeren; løst." });

    // resolved on the phone: an informal resolution with its root cause, no approval needed
    const reply = (await handler.get(`/cases/${id}`)).body;
    expect(reply).toMatch(/<option value="informal">Uformelt, ved kontakten<\/option>/);
    expect(reply).toContain(
      '<label class="form-label" for="send-reply-rootCauses-communication">Kommunikation</label>',
    );
    expect(reply).not.toMatch(
      /id="send-reply-outcome"[^<]*>(<option[^>]*>[^<]*<\/option>)*<option value="withdrawn"/,
    );
    await act(handler, id, "send-reply", {
      outcome: "upheld",
      resolution: "informal",
      "rootCauses.communication": "true",
      "rootCauses.service_level": "true",
    });
    const row = await demo.t.db.kysely
      .selectFrom("cases")
      .select(["status", "data"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("answered");
    const data = JSON.parse(row.data) as { resolution: string; rootCauses: string[] };
    expect(data.resolution).toBe("informal");
    expect([...data.rootCauses].sort()).toEqual(["communication", "service_level"]);
  });

  it("reassesses a decision, forwards it and records the appeals board's result", async () => {
    const id = await assignedTo(
      "sagsbehandler.ydelse@kommune.example",
      {
        procedure: "dk-employment",
        unit: "YDELSE",
        category: "benefits",
        decision: { date: "2026-02-20", reference: "YD-1", fastTrack: false },
        subject: "Stop af ydelse",
        description: "Jeg er uenig.",
        complainant: { name: "Ali Hassan", email: "ali@borger.example", anonymous: false },
      },
      "decision",
    );
    const handler = await signedIn("sagsbehandler.ydelse@kommune.example");
    const before = (await handler.get(`/cases/${id}`)).body;
    // the summary names the category and channel in words; classifying offers the procedure's categories
    expect(before).toContain("<dt>Kategori</dt><dd>Forsørgelsesydelser</dd>");
    expect(before).toContain("<dt>Kanal</dt><dd>Integration (API)</dd>");
    expect(before).toMatch(
      /id="classify-category"[\s\S]*?<option value="benefits" selected>Forsørgelsesydelser<\/option>/,
    );
    expect(before).toMatch(/id="classify-type"[\s\S]*?<option value="decision" selected>/);
    expect(before).toContain('id="action-decide-reassessment"');
    expect(before).not.toContain('id="action-forward-to-appeals-board"');
    expect(before).not.toContain('id="action-record-appeals-decision"');
    // setting a deadline's date is the coordinator's; the handler is not offered it
    expect(before).not.toContain('id="action-set-deadline"');

    const empty = await handler.command(id, "decide-reassessment", { result: "upheld", body: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="decide-reassessment-body-error">[\s\S]{0,80}Udfyld feltet\./);
    // the refused form is folded out again, the others stay folded
    expect(empty.body).toContain(
      '<details class="details klara-action" id="action-decide-reassessment" open>',
    );
    expect(empty.body).toContain('<details class="details klara-action" id="action-add-note">');
    expect(empty.body).toMatch(/<option value="upheld" selected>Afgørelsen fastholdes<\/option>/);

    await act(handler, id, "decide-reassessment", {
      result: "upheld",
      body: "Betingelserne var ikke opfyldt.",
    });
    const decided = (await handler.get(`/cases/${id}`)).body;
    expect(decided).toContain("<strong>Afgørelsen fastholdes</strong>");
    expect(decided).toContain('id="action-forward-to-appeals-board"');
    expect(decided).not.toContain('id="action-decide-reassessment"');

    await act(handler, id, "forward-to-appeals-board");
    const badDate = await handler.command(id, "record-appeals-decision", {
      result: "remitted",
      decidedAt: "20/4",
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toMatch(
      /id="record-appeals-decision-decidedAt-error">[\s\S]{0,80}Skriv datoen som år-måned-dag/,
    );
    expect(badDate.body).toContain('value="20/4"');

    // the board has decided: a date after today (Monday 2 March) is refused, naming the field
    const future = await handler.command(id, "record-appeals-decision", {
      result: "remitted",
      decidedAt: "2026-04-20",
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('id="record-appeals-decision-decidedAt-error"');

    await act(handler, id, "record-appeals-decision", { result: "remitted", decidedAt: "2026-02-27" });
    const recorded = (await handler.get(`/cases/${id}`)).body;
    expect(recorded).toMatch(/Hjemvist, afgjort [^<]*27\. februar 2026/);
    expect(recorded).toContain("Klageinstansen: Hjemvist (fre. 27. feb. 2026)");
    expect(await journalTitles(id)).toEqual(
      expect.arrayContaining(["Reassessment: upheld", "Appeals board: remitted (2026-02-27)"]),
    );
  });

  it("lets the coordinator set a deadline's date with a reason, keeping the original", async () => {
    const id = await assignedTo("sagsbehandler.job@kommune.example", {
      procedure: "dk-employment",
      unit: "JOBCENTER",
      category: "job_centre",
      subject: "Lang ventetid",
      description: "Jeg har ventet længe.",
      complainant: { name: "Eva Holm", email: "eva@borger.example", anonymous: false },
    });
    const coordinator = await signedIn("koordinator@kommune.example");
    const page = (await coordinator.get(`/cases/${id}`)).body;
    expect(page).toMatch(/id="set-deadline-kind"[\s\S]*?<option value="reply">Svar på klagen<\/option>/);

    const missing = await coordinator.command(id, "set-deadline", { kind: "reply", dueDate: "", reason: "" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/id="set-deadline-dueDate-error"/);
    expect(missing.body).toMatch(/id="set-deadline-reason-error"/);

    await act(coordinator, id, "set-deadline", {
      kind: "reply",
      dueDate: "2026-03-20",
      reason: "Borgerrådgiveren har aftalt datoen.",
    });
    const after = (await coordinator.get(`/cases/${id}`)).body;
    expect(after).toContain(
      'fre. den 20. marts 2026<br><span class="weight-normal">oprindelig man. den 30. marts 2026',
    );
    expect(after).toContain("oprindelig ");
    const due = await demo.t.db.kysely
      .selectFrom("deadlines")
      .select(["due_date"])
      .where("case_id", "=", id)
      .where("kind", "=", "reply")
      .executeTakeFirstOrThrow();
    expect(due.due_date).toBe("2026-03-20");
  });

  it("proposes cases about the same matter (dk-central-unit), and links one with a click", async () => {
    const complaint = (name: string, email: string, unit: string, subject: string, description: string) =>
      submitComplaint(demo.deps, {
        procedure: "dk-central-unit",
        unit,
        category: "school",
        subject,
        description,
        complainant: { name, email, anonymous: false },
      });
    const first = (
      await complaint(
        "Anna",
        "anna@example.dk",
        "SKOLE-A",
        "Fritidsklubben lukker",
        "Klubben lukker uden varsel efter sommerferien.",
      )
    ).receipt;
    const again = (
      await complaint("Anna", "ANNA@example.dk", "SKOLE-B", "Busserne", "Skolebussen kommer for sent.")
    ).receipt;
    const neighbour = (
      await complaint(
        "Bo",
        "bo@example.dk",
        "SKOLE-A",
        "Fritidsklubben lukker",
        "Klubben lukker uden varsel efter sommerferien!",
      )
    ).receipt;
    const unrelated = (
      await complaint("Cai", "cai@example.dk", "SKOLE-A", "Legepladsen", "Gyngen er i stykker.")
    ).receipt;

    const coordinator = await signedIn("koordinator@kommune.example");
    const page = (await coordinator.get(`/cases/${first.id}`)).body;
    expect(page).toContain("<h2>Måske om det samme</h2>");
    expect(page).toContain(`<a href="/cases/${again.id}">${again.reference}</a>: Busserne (samme klager)`);
    expect(page).toContain(
      `<a href="/cases/${neighbour.id}">${neighbour.reference}</a>: Fritidsklubben lukker (samme enhed, lignende tekst)`,
    );
    expect(page).not.toContain(unrelated.reference);

    const linked = await coordinator.post(`/cases/${first.id}/commands/link`, {
      _csrf: WebClient.token(page),
      case: neighbour.reference,
      lead: "false",
    });
    expect(linked.statusCode).toBe(303);
    const after = (await coordinator.get(`/cases/${first.id}`)).body;
    expect(after).toContain(`<ul><li><a href="/cases/${neighbour.id}">${neighbour.reference}</a></li></ul>`);
    expect(after).not.toContain(`${neighbour.reference}</a>: Fritidsklubben lukker (samme enhed`);
    expect(after).toContain(`${again.reference}</a>: Busserne (samme klager)`);
    // other procedures propose nothing
    const school = (
      await submitComplaint(demo.deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Fritidsklubben lukker",
        description: "Klubben lukker uden varsel efter sommerferien.",
        complainant: { name: "Anna", email: "anna@example.dk", anonymous: false },
      })
    ).receipt;
    expect((await coordinator.get(`/cases/${school.id}`)).body).not.toContain("Måske om det samme");
  });
});
