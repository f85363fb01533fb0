// "Where else might I be?" for one person: the sites of the directory where people look themselves up (search
// engines and people-search sites, and any record that publishes a search URL), each with a link the person
// opens in their own browser, "found here" (a place, through createExposure) and "not found on <date>".
// The server never fetches a site: it only builds links (decision 118).
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { cases, recipientDomains, recipients, subjectSiteChecks } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { blindIndex } from "~/security/crypto.server";
import { regionName } from "~/subjects/regions";
import { getSubject, subjectExists } from "~/subjects/subjects.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { homePage, searchLink } from "./links";

/** Which sites are on the checklist, in the order they are shown. */
const SITE_KINDS = ["search_engine", "data_broker"] as const;

type SiteRow = { id: string; name: string; kind: string; web: string | null; searchUrl: string | null };

function checklistSites(): (SiteRow & { domain: string | null })[] {
  const db = getDb();
  const rows = db
    .select({
      id: recipients.id,
      name: recipients.name,
      kind: recipients.kind,
      web: recipients.web,
      searchUrl: sql<string | null>`json_extract(${recipients.extra}, '$.searchUrl')`,
    })
    .from(recipients)
    .where(
      and(
        isNull(recipients.workspaceId),
        isNull(recipients.retiredAt),
        or(
          inArray(recipients.kind, [...SITE_KINDS]),
          isNotNull(sql`json_extract(${recipients.extra}, '$.searchUrl')`),
        ),
      ),
    )
    .orderBy(asc(recipients.name))
    .all();
  const domains = new Map<string, string>();
  if (rows.length) {
    for (const d of db
      .select({ recipientId: recipientDomains.recipientId, domain: recipientDomains.domain })
      .from(recipientDomains)
      .where(
        and(
          isNull(recipientDomains.workspaceId),
          inArray(
            recipientDomains.recipientId,
            rows.map((r) => r.id),
          ),
        ),
      )
      .all()) {
      if (!domains.has(d.recipientId) && !d.domain.includes("*")) domains.set(d.recipientId, d.domain);
    }
  }
  // Search engines (and any other record with a search page) first, then people-search sites, by name.
  const rank = (r: SiteRow) => (r.kind === "data_broker" ? 1 : 0);
  return rows
    .map((r) => ({ ...r, domain: domains.get(r.id) ?? null }))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

const siteKey = (subjectId: string, siteId: string) =>
  blindIndex("subject-site-check", `${subjectId}:${siteId}`);

/** The person's cases, open ones first and the most recently active first: "found here" files into one. */
function subjectCases(scope: Scope, subjectId: string) {
  const rows = getDb()
    .select({ id: cases.id, titleEnc: cases.titleEnc, status: cases.status })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.subjectId, subjectId)))
    .orderBy(desc(sql`${cases.status} = 'open'`), desc(cases.updatedAt))
    .all();
  audit(
    rows.map((r) => ({
      action: "case.read" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "case",
      targetId: r.id,
      detail: { fields: "title" },
    })),
  );
  return rows.map((r) => ({ id: r.id, title: r.titleEnc.open(r.id), open: r.status === "open" }));
}

export type ChecklistSite = {
  id: string;
  name: string;
  group: "search" | "people";
  /** Filled with the person's name and region; null when the site publishes no search URL. */
  searchLink: string | null;
  homePage: string | null;
  notFoundOn: string | null;
};

/** The checklist page: the person's name (a logged read), their cases and every site with its link and mark. */
export function findingChecklist(scope: Scope, subjectId: string) {
  const subject = getSubject(scope, subjectId); // logs subject.read, as the person's page does
  const region = regionName(subject.country, subject.region) || null;
  const terms = { name: subject.name, region };
  const marks = new Map(
    getDb()
      .select({ siteHmac: subjectSiteChecks.siteHmac, notFoundOn: subjectSiteChecks.notFoundOn })
      .from(subjectSiteChecks)
      .where(
        and(eq(subjectSiteChecks.workspaceId, scope.workspaceId), eq(subjectSiteChecks.subjectId, subjectId)),
      )
      .all()
      .map((m) => [m.siteHmac, m.notFoundOn]),
  );
  const sites: ChecklistSite[] = checklistSites().map((s) => ({
    id: s.id,
    name: s.name,
    group: s.kind === "data_broker" ? "people" : "search",
    searchLink: searchLink(s.searchUrl, terms),
    homePage: homePage(s.web, s.domain),
    notFoundOn: marks.get(siteKey(subjectId, s.id)) ?? null,
  }));
  return { name: subject.name, region, cases: subjectCases(scope, subjectId), sites };
}

function siteOf(siteId: string) {
  const site = checklistSites().find((s) => s.id === siteId);
  if (!site) throw new UserError("find.errors.site", { field: "siteId" });
  return site;
}

/**
 * "Found here": a place in one of the person's cases, at the exact page the person pasted or else the site's home
 * page, so the directory matches the recipient. Its "not found" mark, if any, goes.
 */
export function recordFoundHere(
  scope: Scope,
  subjectId: string,
  input: { siteId: string; caseId: string; url: string; today: string },
) {
  requirePermission(scope, "case:write");
  requireSubject(scope, subjectId);
  const site = siteOf(input.siteId);
  if (!input.caseId) throw new UserError("find.errors.noCase", { field: "caseId" });
  const kase = getCase(scope, input.caseId);
  if (kase.subjectId !== subjectId) throw new UserError("find.errors.otherCase", { field: "caseId" });
  const address = input.url.trim() || site.web || (site.domain ? `https://${site.domain}/` : "");
  const url = normaliseUrl(address);
  if (!url.ok) throw new UserError(url.error, { field: "url" });
  const exposureId = createExposure(scope, input.caseId, {
    url: url.value,
    exposed: [],
    callsForHarm: false,
    foundOn: input.today,
    severityOverride: null,
    status: "active",
    notes: "",
  });
  clearMark(scope, subjectId, site.id);
  return { caseId: input.caseId, exposureId, siteName: site.name };
}

/** "Not found": kept with the date, shown as "Not found on 3 Dec 2026" until "check again". */
export function recordNotFound(scope: Scope, subjectId: string, siteId: string, on: string) {
  requirePermission(scope, "case:write");
  requireSubject(scope, subjectId);
  const site = siteOf(siteId);
  const siteHmac = siteKey(subjectId, site.id);
  getDb()
    .insert(subjectSiteChecks)
    .values({
      id: newId(),
      workspaceId: scope.workspaceId,
      subjectId,
      siteHmac,
      notFoundOn: on,
      checkedBy: scope.userId,
    })
    .onConflictDoUpdate({
      target: [subjectSiteChecks.subjectId, subjectSiteChecks.siteHmac],
      set: { notFoundOn: on, checkedBy: scope.userId },
    })
    .run();
  return site.name;
}

/** "Check again": the site is back to unchecked. */
export function checkAgain(scope: Scope, subjectId: string, siteId: string) {
  requirePermission(scope, "case:write");
  requireSubject(scope, subjectId);
  clearMark(scope, subjectId, siteOf(siteId).id);
}

/** 404 for a person outside the scope, without opening any of their fields. */
function requireSubject(scope: Scope, subjectId: string) {
  if (!subjectExists(scope, subjectId)) notFound("This person");
}

function clearMark(scope: Scope, subjectId: string, siteId: string) {
  getDb()
    .delete(subjectSiteChecks)
    .where(
      and(
        eq(subjectSiteChecks.workspaceId, scope.workspaceId),
        eq(subjectSiteChecks.subjectId, subjectId),
        eq(subjectSiteChecks.siteHmac, siteKey(subjectId, siteId)),
      ),
    )
    .run();
}
