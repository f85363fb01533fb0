// Who answers for an exposure: the directory's URL → recipient match, stored on the exposure as its
// recipient id, plus a plain-text platform key only when the recipient is a public directory record (never a
// workspace's own recipient, never the host of an unknown site: those stay encrypted). The URL itself is
// neither stored here nor logged.
import { and, eq, inArray } from "drizzle-orm";
import { cases, exposures, recipientCorrections, recipients } from "#db/schema";
import { getDb } from "~/db.server";
import { matchUrl } from "~/recipients/directory.server";
import { type RegimeSuggestion, suggestRegimes } from "~/recipients/regimes";
import { getSubjectResidence, type Residence } from "~/subjects/subjects.server";
import { inScope, type Scope } from "~/workspaces/scope.server";
import { type RecipientView, recipientView } from "./recipient-view";
import type { NormalisedUrl } from "./url";

export type ExposureRecipient = { recipientId: string | null; platform: string | null };

const NONE: ExposureRecipient = { recipientId: null, platform: null };

/** The recipient of one URL as this workspace sees it (its own recipients and corrections first). */
export function recipientForUrl(workspaceId: string, url: NormalisedUrl): ExposureRecipient {
  const match = matchUrl({ workspaceId }, url.url);
  if (!match?.recipient) return NONE;
  return { recipientId: match.recipient.id, platform: publicKey(match.recipient.id) };
}

/**
 * A matcher for many URLs at once (bulk add): each distinct host is matched once, so thousands of lines on a
 * few sites cost a few look-ups. Keyed by host, not only registrable domain, because a host entry
 * (people.yellowpages.com) may name another recipient than its domain.
 */
export function recipientMatcher(workspaceId: string): (url: NormalisedUrl) => ExposureRecipient {
  const cache = new Map<string, ExposureRecipient>();
  return (url) => {
    const key = url.host.toLowerCase().replace(/^www\d*\./, "");
    let hit = cache.get(key);
    if (!hit) {
      // Matching by the origin alone gives the same answer as the full URL (matching looks at the host only).
      const match = matchUrl({ workspaceId }, `https://${url.host}/`);
      hit = match?.recipient
        ? { recipientId: match.recipient.id, platform: publicKey(match.recipient.id) }
        : NONE;
      cache.set(key, hit);
    }
    return hit;
  };
}

/** The recipient id as the platform key when it is a shared directory record (public), else null. */
function publicKey(id: string): string | null {
  const row = getDb()
    .select({ workspaceId: recipients.workspaceId })
    .from(recipients)
    .where(eq(recipients.id, id))
    .get();
  return row && row.workspaceId === null ? id : null;
}

/** Names of the recipients, for grouping a case's exposures (only those visible to the workspace). */
export function recipientNames(workspaceId: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const db = getDb();
  const rows = db
    .select({ id: recipients.id, name: recipients.name, workspaceId: recipients.workspaceId })
    .from(recipients)
    .where(inArray(recipients.id, unique))
    .all();
  // A correction of the name shows in the workspace's own view: one query for all of them.
  const corrected = new Map(
    db
      .select({ id: recipientCorrections.recipientId, fields: recipientCorrections.fields })
      .from(recipientCorrections)
      .where(
        and(
          eq(recipientCorrections.workspaceId, workspaceId),
          inArray(recipientCorrections.recipientId, unique),
        ),
      )
      .all()
      .map((c) => [c.id, typeof c.fields.name === "string" && c.fields.name ? c.fields.name : null]),
  );
  for (const row of rows) {
    if (row.workspaceId !== null && row.workspaceId !== workspaceId) continue;
    out.set(row.id, corrected.get(row.id) ?? row.name);
  }
  return out;
}

export type ExposureMatch = { domain: string; recipient: RecipientView | null; regimes: RegimeSuggestion[] };

/**
 * The live match for an exposure's URL, with the regimes that apply given where the subject lives and
 * whether photos are exposed. `null` for a URL the directory cannot read (an onion or IP address matches
 * nothing but still has a domain).
 */
export function matchExposure(
  workspaceId: string,
  url: string,
  context: { residence: Residence | null; photos: boolean },
): ExposureMatch | null {
  const match = matchUrl({ workspaceId }, url);
  if (!match) return null;
  if (!match.recipient) return { domain: match.domain, recipient: null, regimes: [] };
  const r = match.recipient;
  // A front site often lists no countries of its own; the parent that holds the data decides the law.
  const countries = r.countries.length ? r.countries : (r.parent?.countries ?? []);
  const kind = r.kind;
  return {
    domain: match.domain,
    recipient: recipientView(r),
    regimes: suggestRegimes({
      recipient: { kind, countries },
      residence: context.residence,
      ownPhotos: context.photos,
    }),
  };
}

/** Where the case's subject lives (decrypted, and the read logged), for the regimes on the exposure page. */
export function residenceForCase(scope: Scope, caseId: string): Residence | null {
  const row = getDb()
    .select({ subjectId: cases.subjectId })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.id, caseId)))
    .get();
  return row ? getSubjectResidence(scope, row.subjectId) : null;
}

/**
 * Keeps the stored recipient in step with the directory: a recipient the workspace added (or a correction of
 * domains) after the exposure was saved applies the next time it is looked at. Only the derived columns move.
 */
export function refreshExposureRecipient(
  scope: Scope,
  exposure: { id: string; recipientId: string | null },
  recipientId: string | null,
) {
  if (exposure.recipientId === recipientId) return;
  getDb()
    .update(exposures)
    .set({ recipientId, platform: recipientId ? publicKey(recipientId) : null })
    .where(inScope(exposures, scope, eq(exposures.id, exposure.id)))
    .run();
}
