// The exposure page's "Is it still there?" section: the "Check now" button and the past checks.
import { Form } from "@remix-run/react";
import type { CheckOutcome } from "./outcome";

export type CheckView = {
  id: string;
  checkedAt: string;
  trigger: "manual" | "scheduled";
  outcome: CheckOutcome;
  statusCode: number | null;
  foundKinds: string[];
  sha256: string | null;
  finalUrl: string | null;
  error: string | null;
};

export const OUTCOME_TEXT: Record<CheckOutcome, string> = {
  up: "Still online",
  removed: "Removed",
  reappeared: "Back online",
  unreachable: "Could not be reached",
  inconclusive: "Could not tell",
};

const ERROR_TEXT: Record<string, string> = {
  onion: "Onion addresses are never fetched by the server.",
  blocked_address: "The address points into a private network, so the server refused to fetch it.",
  dns: "The site's name does not resolve any more.",
  timeout: "The site did not answer in time.",
  network: "The connection failed.",
  too_many_redirects: "The page redirects more than three times.",
  bad_url: "This address cannot be fetched.",
  truncated: "The page was larger than the size limit; only its beginning was searched.",
};

function explain(c: CheckView) {
  if (c.outcome === "inconclusive" && c.statusCode && c.statusCode >= 200 && c.statusCode < 300)
    return "The page loads but none of the person's details were found in it. It may need JavaScript or a login to show them: look at it yourself.";
  if (c.outcome === "inconclusive")
    return `The site answered ${c.statusCode}: it may block automatic checks.`;
  return c.error ? (ERROR_TEXT[c.error] ?? null) : null;
}

export function RecheckSection({
  checks,
  canWrite,
  busy,
}: {
  checks: CheckView[];
  canWrite: boolean;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="checks" className="card stack">
      <h2 id="checks">Is it still there?</h2>
      <p className="muted">
        Retract fetches the page from this server (never from your browser) and looks for the person's name,
        email addresses, phone numbers, usernames and address. Pages are also checked automatically every day.
      </p>
      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value="recheck" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? "Checking…" : "Check now"}
          </button>
          {busy ? (
            <p role="status" className="muted">
              Fetching the page. This can take up to fifteen seconds.
            </p>
          ) : null}
        </Form>
      ) : null}
      {checks.length === 0 ? (
        <p className="empty">Not checked yet.</p>
      ) : (
        <ul className="list" aria-label="Past checks">
          {checks.map((c) => (
            <li key={c.id} className="list-item stack">
              <div className="spread">
                <strong>
                  <span className={`badge badge-check-${c.outcome}`}>{OUTCOME_TEXT[c.outcome]}</span>
                </strong>
                <time dateTime={c.checkedAt}>{c.checkedAt.slice(0, 16).replace("T", " ")} UTC</time>
              </div>
              <div className="meta-row">
                <span>{c.trigger === "manual" ? "Checked by hand" : "Scheduled check"}</span>
                {c.statusCode !== null ? <span>HTTP {c.statusCode}</span> : null}
                {c.foundKinds.length ? <span>Found: {c.foundKinds.join(", ")}</span> : null}
              </div>
              {explain(c) ? <p>{explain(c)}</p> : null}
              {c.finalUrl ? (
                <p>
                  Redirected to <span className="mono">{c.finalUrl}</span>
                </p>
              ) : null}
              {c.sha256 ? (
                <p className="muted">
                  SHA-256 of what was fetched: <code>{c.sha256}</code>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
