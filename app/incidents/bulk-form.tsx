// The "write letters for every empty cell" form. The bulk page shows it; the incident matrix page can show it
// in its section id="bulk" (it posts to /incidents/:id/bulk, so it works without JavaScript anywhere).
import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey } from "~/i18n/translate";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import { BULK_KINDS, BULK_LETTER_LABELS, type PlanView } from "./bulk-forms";
import { reasonMessage } from "./bulk-reasons";

/** The letter languages by their own names (as the language switcher names them), and "auto" in words. */
const LETTER_LANGUAGES: Record<string, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  nl: "Nederlands",
  ko: "한국어",
};

const SENDER_LABELS = {
  self: "incidents.bulk.sender.self",
  representative: "incidents.bulk.sender.representative",
} as const satisfies Record<string, MessageKey>;

/** What each choice of sender would write and leave out, as counted on the server before anything runs. */
function PlanCounts({ plans }: { plans: Record<keyof typeof SENDER_LABELS, PlanView> }) {
  const { t, rich } = useT();
  return (
    <div className="stack">
      <h3 id="bulk-plan-heading">{t("incidents.bulk.plan.heading")}</h3>
      <p className="hint">{t("incidents.bulk.plan.hint")}</p>
      <ul className="list" aria-label={t("incidents.bulk.plan.label")}>
        {(["self", "representative"] as const).map((choice) => {
          const p = plans[choice];
          const written = p.email + p.documents;
          const left = p.cells - written;
          return (
            <li key={choice} className="list-item stack">
              <p>
                {rich("incidents.bulk.plan.line", {
                  sender: t(SENDER_LABELS[choice]),
                  written,
                  email: p.email,
                  documents: p.documents,
                  left,
                  b: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
              {p.notOffered.length ? (
                <ul>
                  {p.notOffered.map((r) => {
                    const m = reasonMessage(r.reason);
                    return (
                      <li key={r.reason}>
                        {t("incidents.bulk.plan.reason", { reason: t(m.key, m.values), count: r.count })}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function BulkStartForm({
  incidentId,
  emptyCells,
  hasEmail,
  plans,
  defaultSender = "self",
  errors,
  values,
}: {
  incidentId: string;
  /** Shown in the form when given (the matrix page says it above the form itself). */
  emptyCells?: number;
  /** Whether the workspace has an email account; unknown on pages that do not look it up. */
  hasEmail?: boolean;
  /** What each choice of sender would write, counted on the server (the bulk page); absent elsewhere. */
  plans?: Record<keyof typeof SENDER_LABELS, PlanView>;
  /** The choice of sender the form starts on: the one that writes the most letters, where known. */
  defaultSender?: keyof typeof SENDER_LABELS;
  errors?: { fieldErrors?: FieldErrors; formErrors?: string[] };
  values?: Record<string, string>;
}) {
  const nav = useNavigation();
  const action = `/incidents/${incidentId}/bulk`;
  const busy = nav.state !== "idle" && nav.formAction === action;
  const { t } = useT();
  const e = errors?.fieldErrors ?? {};
  const v = (name: string, fallback = "") => values?.[name] ?? fallback;
  return (
    <Form method="post" action={action} className="stack" noValidate>
      <FormErrors errors={errors?.formErrors} />
      {emptyCells === undefined ? null : <p>{t("incidents.bulk.form.emptyCells", { count: emptyCells })}</p>}
      <p className="hint">{t("incidents.bulk.form.intro")}</p>
      <SelectField
        name="letter"
        label={t("incidents.bulk.form.letter")}
        options={(["suggested", ...BULK_KINDS] as const).map((k) => ({
          value: k,
          label: t(BULK_LETTER_LABELS[k]),
        }))}
        defaultValue={v("letter", "suggested")}
        errors={e.letter}
      />
      <SelectField
        name="lang"
        label={t("incidents.bulk.form.lang")}
        options={[
          { value: "auto", label: t("incidents.bulk.lang.auto") },
          ...Object.entries(LETTER_LANGUAGES).map(([value, label]) => ({ value, label })),
        ]}
        defaultValue={v("lang", "auto")}
        errors={e.lang}
      />
      <SelectField
        name="channel"
        label={t("incidents.bulk.form.channel")}
        hint={hasEmail === false ? t("incidents.bulk.form.channelHint") : undefined}
        options={[
          { value: "email", label: t("incidents.bulk.form.channelEmail") },
          { value: "documents", label: t("incidents.bulk.form.channelDocuments") },
        ]}
        defaultValue={v("channel", hasEmail === false ? "documents" : "email")}
        errors={e.channel}
      />
      <SelectField
        name="sender"
        label={t("incidents.bulk.form.sender")}
        hint={t("incidents.bulk.form.senderHint")}
        options={(["self", "representative"] as const).map((value) => ({
          value,
          label: t(SENDER_LABELS[value]),
        }))}
        defaultValue={v("sender", defaultSender)}
        errors={e.sender}
      />
      <TextArea
        name="repAddress"
        label={t("incidents.bulk.form.repAddress")}
        hint={t("incidents.bulk.form.repAddressHint")}
        rows={2}
        defaultValue={v("repAddress")}
        errors={e.repAddress}
      />
      <TextArea
        name="particularSituation"
        label={t("incidents.bulk.form.particularSituation")}
        hint={t("incidents.bulk.form.particularSituationHint")}
        defaultValue={v("particularSituation")}
        errors={e.particularSituation}
      />
      <TextArea
        name="illegalityExplanation"
        label={t("incidents.bulk.form.illegality")}
        defaultValue={v("illegalityExplanation")}
        errors={e.illegalityExplanation}
      />
      <TextArea
        name="delistingReason"
        label={t("incidents.bulk.form.delisting")}
        defaultValue={v("delistingReason")}
        errors={e.delistingReason}
      />
      <TextField
        name="authorityName"
        label={t("incidents.bulk.form.authority")}
        defaultValue={v("authorityName")}
        errors={e.authorityName}
      />
      {plans ? <PlanCounts plans={plans} /> : null}
      <div className="actions">
        <button
          type="submit"
          name="intent"
          value="start"
          className="button"
          disabled={busy || emptyCells === 0}
        >
          {busy ? t("incidents.bulk.form.starting") : t("incidents.bulk.form.start")}
        </button>{" "}
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button button-secondary"
          disabled={busy}
        >
          {plans ? t("incidents.bulk.form.countAgain") : t("incidents.bulk.form.countFirst")}
        </button>
      </div>
    </Form>
  );
}
