// Seeds an employer incident at any size straight into the database (people, cases, roster rows, leaked URLs
// and each person's exposures, optionally signed mandates), for the bulk-letters tests and bench. Written with
// prepared statements (fast at any size); the encrypted values of incidents, roster rows, incident URLs and
// exposures are sealed by their modules' own seal functions, so the rows are exactly what the app writes.

import { sealCaseTitle } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { sealExposure } from "~/exposures/exposures.server";
import { uploadMandate } from "~/requests/compose/mandates.server";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { sealSubjectFields } from "~/subjects/subjects.server";
import { newId } from "~/utils/ids.server";
import type { Scope } from "~/workspaces/scope.server";
import { sealIncident } from "./incidents.server";

const sealMandateFilename = sealFor("mandates", "filename_enc");

export type SeededIncident = {
  incidentId: string;
  people: { subjectId: string; caseId: string }[];
  recipientIds: string[];
};

/** Shared directory recipients a bulk run can write to by email: not regulators, with an email channel. */
export function emailRecipients(limit: number): string[] {
  return (
    getDb()
      .$client.prepare(
        `SELECT r.id FROM recipients r
         WHERE r.workspace_id IS NULL AND r.retired_at IS NULL AND r.kind != 'regulator'
           AND EXISTS (SELECT 1 FROM recipient_channels c WHERE c.recipient_id = r.id AND c.kind = 'email')
           AND EXISTS (SELECT 1 FROM recipient_domains d WHERE d.recipient_id = r.id AND d.workspace_id IS NULL
                       AND d.domain NOT LIKE '%*%')
         ORDER BY r.source = 'curated' DESC, r.id LIMIT ?`,
      )
      .all(limit) as { id: string }[]
  ).map((r) => r.id);
}

function domainOf(recipientId: string): string {
  const row = getDb()
    .$client.prepare(
      "SELECT domain FROM recipient_domains WHERE recipient_id = ? AND workspace_id IS NULL AND domain NOT LIKE '%*%' ORDER BY length(domain) LIMIT 1",
    )
    .get(recipientId) as { domain: string } | undefined;
  return row?.domain ?? "example.invalid";
}

export async function seedIncident(
  scope: Scope,
  opts: {
    people: number;
    recipientIds: string[];
    country?: string;
    /** "file": a real signed PDF per person (the outbox attaches it); "row": the row only (bench); none. */
    mandates?: "file" | "row" | "none";
    /** People (by index) without a signed mandate. */
    withoutMandate?: (i: number) => boolean;
    assignedTo?: (i: number) => string | null;
    tag?: string;
  },
): Promise<SeededIncident> {
  const sqlite = getDb().$client;
  const ws = scope.workspaceId;
  const now = Date.now();
  const incidentId = newId();
  const tag = opts.tag ?? "Leak";
  const st = {
    incident: sqlite.prepare(
      "INSERT INTO incidents (id, workspace_id, title_enc, description_enc, status, created_by, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?)",
    ),
    subject: sqlite.prepare(
      `INSERT INTO subjects (id, workspace_id, name_enc, aliases_enc, emails_enc, phones_enc, addresses_enc,
        usernames_enc, country_enc, notes_enc, assigned_to, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    kase: sqlite.prepare(
      "INSERT INTO cases (id, workspace_id, subject_id, title_enc, status, created_by, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?)",
    ),
    person: sqlite.prepare(
      "INSERT INTO incident_people (incident_id, subject_id, case_id, workspace_id, unit_enc, unit_hmac) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    url: sqlite.prepare(
      `INSERT INTO incident_urls (id, incident_id, workspace_id, url_enc, url_hmac, host_enc, platform, recipient_id,
        exposed, calls_for_harm, found_on, created_by) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, '2026-11-01', ?)`,
    ),
    exposure: sqlite.prepare(
      `INSERT INTO exposures (id, workspace_id, case_id, url_enc, url_hmac, host_enc, platform, recipient_id, exposed,
        calls_for_harm, found_on, severity, status, notes_enc, incident_url_id, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, '["home_address","phone"]', 0, '2026-11-01', 'high', 'active', ?, ?, ?, ?)`,
    ),
    mandate: sqlite.prepare(
      `INSERT INTO mandates (id, workspace_id, subject_id, representative_user_id, signed_on, storage_key, sha256, mime,
        size, filename_enc, created_by) VALUES (?, ?, ?, ?, '2026-11-02', ?, 'bench', 'application/pdf', 1, ?, ?)`,
    ),
  };
  const urls = opts.recipientIds.map((recipientId, i) => {
    const host = domainOf(recipientId);
    return { id: newId(), recipientId, host, url: `https://${host}/leak/${incidentId}/${i}` };
  });
  const people: SeededIncident["people"] = [];
  sqlite.transaction(() => {
    st.incident.run(
      incidentId,
      ws,
      sealIncident.title(incidentId, `${tag} incident`).token,
      sealIncident.description(incidentId, "Staff list posted").token,
      scope.userId,
      now,
    );
    for (const u of urls)
      st.url.run(
        u.id,
        incidentId,
        ws,
        sealIncident.url(u.id, u.url).token,
        blindIndex("exposure-url", u.url),
        sealIncident.host(u.id, u.host).token,
        u.recipientId,
        '["home_address","phone"]',
        scope.userId,
      );
    for (let i = 0; i < opts.people; i++) {
      const subjectId = newId();
      const caseId = newId();
      const sealed = sealSubjectFields(subjectId, {
        name: `${tag} Person ${i}`,
        aliases: [],
        emails: [`person${i}@staff.example.test`],
        phones: [],
        addresses: [`${i} Example Street, Berlin`],
        usernames: [],
        country: opts.country ?? "DE",
        notes: "",
      });
      st.subject.run(
        subjectId,
        ws,
        sealed.nameEnc.token,
        sealed.aliasesEnc.token,
        sealed.emailsEnc.token,
        sealed.phonesEnc.token,
        sealed.addressesEnc.token,
        sealed.usernamesEnc.token,
        sealed.countryEnc.token,
        sealed.notesEnc.token,
        opts.assignedTo?.(i) ?? null,
        scope.userId,
        now,
      );
      st.kase.run(caseId, ws, subjectId, sealCaseTitle(caseId, tag).token, scope.userId, now);
      st.person.run(
        incidentId,
        subjectId,
        caseId,
        ws,
        sealIncident.unit(caseId, "Unit A").token,
        blindIndex("incident-unit", "unit a"),
      );
      for (const u of urls) {
        const id = newId();
        st.exposure.run(
          id,
          ws,
          caseId,
          sealExposure.url(id, u.url).token,
          blindIndex("exposure-url", u.url),
          sealExposure.host(id, u.host).token,
          u.recipientId,
          sealExposure.notes(id, "").token,
          u.id,
          scope.userId,
          now,
        );
      }
      if (opts.mandates === "row" && !opts.withoutMandate?.(i)) {
        const id = newId();
        st.mandate.run(
          id,
          ws,
          subjectId,
          scope.userId,
          newId() + newId(),
          sealMandateFilename(id, "mandate.pdf").token,
          scope.userId,
        );
      }
      people.push({ subjectId, caseId });
    }
  })();
  if (opts.mandates === "file") {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    for (const [i, p] of people.entries())
      if (!opts.withoutMandate?.(i))
        await uploadMandate(scope, p.subjectId, {
          filename: "signed.pdf",
          bytes: pdf,
          signedOn: "2026-11-02",
        });
  }
  return { incidentId, people, recipientIds: opts.recipientIds };
}
