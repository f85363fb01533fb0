// The exposure page's "Is it still there?" section: the "Check now" button and the past checks.
import { Form } from "@remix-run/react";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey, Translator } from "~/i18n/translate";
import type { IdentifierKind } from "./identifiers";
import { CHECK_OUTCOME_KEYS, type CheckOutcome } from "./outcome";

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

const ERROR_KEYS: Record<string, MessageKey> = {
  onion: "recheck.error.onion",
  blocked_address: "recheck.error.blocked_address",
  dns: "recheck.error.dns",
  timeout: "recheck.error.timeout",
  network: "recheck.error.network",
  too_many_redirects: "recheck.error.too_many_redirects",
  bad_url: "recheck.error.bad_url",
  truncated: "recheck.error.truncated",
};

/** What the check found, in words (the kinds are ids: never shown as they are). */
const FOUND_KEYS = {
  name: "recheck.found.name",
  email: "recheck.found.email",
  phone: "recheck.found.phone",
  username: "recheck.found.username",
  address: "recheck.found.address",
} as const satisfies Record<IdentifierKind, MessageKey>;

function explain({ t }: Translator, c: CheckView) {
  if (c.outcome === "inconclusive" && c.statusCode && c.statusCode >= 200 && c.statusCode < 300)
    return t("recheck.explain.nothingFound");
  if (c.outcome === "inconclusive") return t("recheck.explain.blocked", { status: String(c.statusCode) });
  const key = c.error ? ERROR_KEYS[c.error] : undefined;
  return key ? t(key) : null;
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
  const translator = useT();
  const { t, rich, locale } = translator;
  const found = (kinds: string[]) =>
    kinds.map((k) => (k in FOUND_KEYS ? t(FOUND_KEYS[k as IdentifierKind]) : null)).filter(Boolean);
  return (
    <section aria-labelledby="checks" className="card stack">
      <h2 id="checks">{t("recheck.title")}</h2>
      <p className="muted">{t("recheck.intro")}</p>
      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value="recheck" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? t("recheck.busy") : t("recheck.submit")}
          </button>
          {busy ? (
            <p role="status" className="muted">
              {t("recheck.fetching")}
            </p>
          ) : null}
        </Form>
      ) : null}
      {checks.length === 0 ? (
        <p className="empty">{t("recheck.none")}</p>
      ) : (
        <ul className="list" aria-label={t("recheck.past")}>
          {checks.map((c) => {
            const words = explain(translator, c);
            const kinds = found(c.foundKinds);
            return (
              <li key={c.id} className="list-item stack">
                <div className="spread">
                  <strong>
                    <span className={`badge badge-check-${c.outcome}`}>
                      {t(CHECK_OUTCOME_KEYS[c.outcome])}
                    </span>
                  </strong>
                  <time dateTime={c.checkedAt}>
                    {t("recheck.checkedAt", {
                      day: formatDay(locale, c.checkedAt, "long"),
                      time: c.checkedAt.slice(11, 16),
                    })}
                  </time>
                </div>
                <div className="meta-row">
                  <span>
                    {c.trigger === "manual" ? t("recheck.trigger.manual") : t("recheck.trigger.scheduled")}
                  </span>
                  {c.statusCode !== null ? (
                    <span>{t("recheck.http", { status: String(c.statusCode) })}</span>
                  ) : null}
                  {kinds.length ? <span>{t("recheck.foundKinds", { kinds: kinds.join(", ") })}</span> : null}
                </div>
                {words ? <p>{words}</p> : null}
                {c.finalUrl ? (
                  <p>
                    {rich("recheck.redirected", {
                      url: c.finalUrl,
                      mono: (chunks) => <span className="mono">{chunks}</span>,
                    })}
                  </p>
                ) : null}
                {c.sha256 ? (
                  <p className="muted">
                    {rich("recheck.sha256", { sha: c.sha256, code: (chunks) => <code>{chunks}</code> })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
