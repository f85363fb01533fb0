// The "write letters for every empty cell" form. The bulk page shows it; the incident matrix page can show it
// in its section id="bulk" (it posts to /incidents/:id/bulk, so it works without JavaScript anywhere).
import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import { BULK_KINDS, BULK_LETTER_LABELS, type PlanView } from "./bulk-forms";
import { reasonText } from "./bulk-reasons";

const LANG_LABELS: Record<string, string> = {
  auto: "Each person's language where a letter exists in it, else English",
  en: "English",
  de: "Deutsch",
  fr: "Français",
  nl: "Nederlands",
  ko: "한국어",
};

const SENDER_LABELS = {
  self: "Each person, in their own name",
  representative: "Me, as each person's representative",
} as const;

const n = (x: number) => x.toLocaleString("en");

/** What each choice of sender would write and leave out, as counted on the server before anything runs. */
function PlanCounts({ plans }: { plans: Record<keyof typeof SENDER_LABELS, PlanView> }) {
  return (
    <div className="stack">
      <h3 id="bulk-plan-heading">What each choice would write</h3>
      <p className="hint">
        Counted with the choices below as they are now. Change them and press “Count again” to see the new
        numbers before you start.
      </p>
      <ul className="list" aria-label="Letters each choice would write">
        {(["self", "representative"] as const).map((choice) => {
          const p = plans[choice];
          const written = p.email + p.documents;
          const left = p.cells - written;
          return (
            <li key={choice} className="list-item stack">
              <p>
                <strong>{SENDER_LABELS[choice]}:</strong> {n(written)} {written === 1 ? "letter" : "letters"}{" "}
                written ({n(p.email)} by email, {n(p.documents)} web-form or PDF), {n(left)}{" "}
                {left === 1 ? "cell" : "cells"} left without a letter.
              </p>
              {p.notOffered.length ? (
                <ul>
                  {p.notOffered.map((r) => (
                    <li key={r.reason}>
                      {reasonText(r.reason)} ({n(r.count)})
                    </li>
                  ))}
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
      {emptyCells === undefined ? null : (
        <p>
          {emptyCells.toLocaleString("en")} {emptyCells === 1 ? "cell has" : "cells have"} no letter yet.
        </p>
      )}
      <p className="hint">
        Retract writes one letter for each empty cell, checks it like a letter you write by hand, and queues
        the emails; web-form and PDF letters are left ready for you.
      </p>
      <SelectField
        name="letter"
        label="Which letter"
        options={(["suggested", ...BULK_KINDS] as const).map((k) => ({
          value: k,
          label: t(BULK_LETTER_LABELS[k]),
        }))}
        defaultValue={v("letter", "suggested")}
        errors={e.letter}
      />
      <SelectField
        name="lang"
        label="Language"
        options={Object.entries(LANG_LABELS).map(([value, label]) => ({ value, label }))}
        defaultValue={v("lang", "auto")}
        errors={e.lang}
      />
      <SelectField
        name="channel"
        label="How the letters go out"
        hint={
          hasEmail === false ? "Set up your email account (Settings → Email) to send by email." : undefined
        }
        options={[
          {
            value: "email",
            label: "By email where the recipient has an address; else a web-form or PDF letter",
          },
          { value: "documents", label: "No email: prepare web-form and PDF letters for me" },
        ]}
        defaultValue={v("channel", hasEmail === false ? "documents" : "email")}
        errors={e.channel}
      />
      <SelectField
        name="sender"
        label="Who the letters are from"
        hint="As their representative, each person needs a signed letter of authority on file; people without one get no letter."
        options={(["self", "representative"] as const).map((value) => ({
          value,
          label: SENDER_LABELS[value],
        }))}
        defaultValue={v("sender", defaultSender)}
        errors={e.sender}
      />
      <TextArea
        name="repAddress"
        label="Your organisation's postal address (optional)"
        hint="Put in your representative letters only if you enter it here. The letters never carry a person's home address or phone number; left empty, they carry your email only."
        rows={2}
        defaultValue={v("repAddress")}
        errors={e.repAddress}
      />
      <TextArea
        name="particularSituation"
        label="The people's particular situation (for GDPR objections)"
        hint="One text for everyone, e.g. why the leak puts them at risk. No names."
        defaultValue={v("particularSituation")}
        errors={e.particularSituation}
      />
      <TextArea
        name="illegalityExplanation"
        label="Why the content is illegal (for DSA notices)"
        defaultValue={v("illegalityExplanation")}
        errors={e.illegalityExplanation}
      />
      <TextArea
        name="delistingReason"
        label="Why search results should go (for delisting requests)"
        defaultValue={v("delistingReason")}
        errors={e.delistingReason}
      />
      <TextField
        name="authorityName"
        label="Data protection authority to name where Retract cannot tell"
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
          {busy ? "Starting…" : "Write and queue the letters"}
        </button>{" "}
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button button-secondary"
          disabled={busy}
        >
          {plans ? "Count again" : "Count the letters first"}
        </button>
      </div>
    </Form>
  );
}
