// The case page's list of letters: status at a glance, and a clear word when one was not delivered. With
// `bulk`, each sent request has a checkbox and one form below changes the chosen ones (works without JavaScript:
// the checkboxes belong to that form through their `form` attribute).
import { Form, Link } from "@remix-run/react";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey } from "~/i18n/translate";
import { kindLabel } from "./kinds";
import { LETTER_STATUS_KEYS } from "./labels";
import type { BulkRequestResult } from "./tracking/bulk-status.server";
import { STATE_KEYS } from "./tracking/lifecycle";

export type CaseLetter = {
  id: string;
  kind: string;
  channel: string;
  reference: string;
  status: string;
  recipientName: string;
  sentAt: string | null;
  sentOn?: string | null;
  dueOn: string | null;
  problem: string | null;
  attempts: number;
  /** The request's state in words (the page's language), when the page worked it out (else the letter's status). */
  stateLabel?: string;
  /** Whether the bulk form may change it (sent, not closed). */
  selectable?: boolean;
};

export type BulkView = {
  result?: BulkRequestResult | null;
  errors?: string[];
  busy: boolean;
};

const BULK_ACTION_KEYS = {
  abandon: "caseLetters.bulk.abandon",
  close: "caseLetters.bulk.close",
  said_done: "caseLetters.bulk.saidDone",
} as const satisfies Record<string, MessageKey>;

const CHANNEL_KEYS: Record<string, MessageKey> = {
  email: "caseLetters.channel.email",
  pdf: "caseLetters.channel.pdf",
  webform: "caseLetters.channel.webform",
};

export function CaseLetters({
  caseId,
  letters,
  total = letters.length,
  collapsible = false,
  canWrite,
  bulk,
}: {
  caseId: string;
  /** The newest letters, or all of them. */
  letters: CaseLetter[];
  /** How many the case has in all: when more than `letters`, a link lists them all. */
  total?: number;
  /** Every letter is listed at the user's request: offer the shorter list again. */
  collapsible?: boolean;
  canWrite: boolean;
  bulk?: BulkView;
}) {
  const { t, locale } = useT();
  const day = (d: string) => formatDay(locale, d, "long");
  const selectable = canWrite && bulk ? letters.filter((l) => l.selectable) : [];
  return (
    <section aria-labelledby="letters" className="stack">
      <div className="spread">
        <h2 id="letters">{t("caseLetters.title")}</h2>
        {canWrite ? (
          <Link to={`/cases/${caseId}/letters/new`} className="button">
            {t("caseLetters.write")}
          </Link>
        ) : null}
      </div>
      {letters.length === 0 ? (
        <p className="muted">{t("caseLetters.none")}</p>
      ) : (
        <ul className="list">
          {letters.map((l) => (
            <li key={l.id}>
              {bulk && l.selectable ? (
                <label className="check">
                  <input type="checkbox" name="letterIds" value={l.id} form="bulk-requests" />{" "}
                  <span className="visually-hidden">
                    {t("caseLetters.choose", { reference: l.reference })}
                  </span>
                </label>
              ) : null}
              <Link to={`/cases/${caseId}/requests/${l.id}`}>
                {t("caseLetters.to", { kind: t(kindLabel(l.kind)), recipient: l.recipientName })}
              </Link>{" "}
              <span className="mono">{l.reference}</span>
              <div className="meta-row">
                <span className={`badge badge-letter-${l.status}`}>
                  {l.stateLabel ??
                    t(
                      LETTER_STATUS_KEYS[l.status as keyof typeof LETTER_STATUS_KEYS] ??
                        "requestState.unknown",
                    )}
                </span>
                {CHANNEL_KEYS[l.channel] ? <span>{t(CHANNEL_KEYS[l.channel]!)}</span> : null}
                {l.sentAt ? (
                  <span>{t("caseLetters.sent", { day: day(l.sentOn ?? l.sentAt.slice(0, 10)) })}</span>
                ) : null}
                {l.dueOn ? <span>{t("caseLetters.due", { day: day(l.dueOn) })}</span> : null}
                {l.status === "failed" ? (
                  <span className="error">
                    {l.problem
                      ? t("caseLetters.failed", { problem: l.problem })
                      : t("caseLetters.failedRefused")}
                  </span>
                ) : null}
                {l.status === "queued" && l.attempts > 0 ? (
                  <span>{t("caseLetters.retrying", { attempts: l.attempts, problem: l.problem ?? "" })}</span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {bulk?.result ? (
        <div className="notice notice-ok" role="status">
          {bulk.result.moved.length ? (
            <p>{t("caseLetters.bulk.changed", { references: bulk.result.moved.join(", ") })}</p>
          ) : (
            <p>{t("caseLetters.bulk.noneChanged")}</p>
          )}
          {bulk.result.refused.map((r) => (
            <p key={r.reference}>
              {t("caseLetters.bulk.refused", {
                reference: r.reference,
                state: t(STATE_KEYS[r.state as keyof typeof STATE_KEYS] ?? "requestState.unknown"),
              })}
            </p>
          ))}
        </div>
      ) : null}
      {selectable.length > 0 && bulk ? (
        <Form method="post" id="bulk-requests" className="card medium stack" noValidate>
          <input type="hidden" name="intent" value="bulk-requests" />
          {bulk.errors?.length ? (
            <div className="notice notice-error" role="alert">
              {bulk.errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="bulk-action">{t("caseLetters.bulk.label")}</label>
            <select id="bulk-action" name="action" defaultValue="abandon">
              {Object.entries(BULK_ACTION_KEYS).map(([value, key]) => (
                <option key={value} value={value}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button button-secondary" disabled={bulk.busy}>
              {bulk.busy ? t("caseLetters.bulk.busy") : t("caseLetters.bulk.submit")}
            </button>
          </div>
        </Form>
      ) : null}
      {total > letters.length ? (
        <p>
          {t("caseLetters.showing", { shown: letters.length, total })}{" "}
          <Link to={`/cases/${caseId}?letters=all#letters`}>{t("caseLetters.showAll", { total })}</Link>
        </p>
      ) : collapsible ? (
        <p>
          <Link to={`/cases/${caseId}#letters`}>{t("caseLetters.showNewest")}</Link>
        </p>
      ) : null}
    </section>
  );
}
