// The "write letters for every empty cell" form. The bulk page shows it; the incident matrix page can show it
// in its section id="bulk" (it posts to /incidents/:id/bulk, so it works without JavaScript anywhere).
import { Form, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import { BULK_KINDS, BULK_LETTER_LABELS } from "./bulk-forms";

const LANG_LABELS: Record<string, string> = {
  auto: "Each person's language where a letter exists in it, else English",
  en: "English",
  de: "Deutsch",
  fr: "Français",
  nl: "Nederlands",
  ko: "한국어",
};

export function BulkStartForm({
  incidentId,
  emptyCells,
  hasEmail,
  errors,
  values,
}: {
  incidentId: string;
  /** Shown in the form when given (the matrix page says it above the form itself). */
  emptyCells?: number;
  /** Whether the workspace has an email account; unknown on pages that do not look it up. */
  hasEmail?: boolean;
  errors?: { fieldErrors?: FieldErrors; formErrors?: string[] };
  values?: Record<string, string>;
}) {
  const nav = useNavigation();
  const action = `/incidents/${incidentId}/bulk`;
  const busy = nav.state !== "idle" && nav.formAction === action;
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
      <input type="hidden" name="intent" value="start" />
      <SelectField
        name="letter"
        label="Which letter"
        options={["suggested", ...BULK_KINDS].map((k) => ({ value: k, label: BULK_LETTER_LABELS[k] ?? k }))}
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
        hint="As their representative, each person needs a signed letter of authority on file; people without one are skipped."
        options={[
          { value: "representative", label: "Me, as each person's representative" },
          { value: "self", label: "Each person, in their own name" },
        ]}
        defaultValue={v("sender", "representative")}
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
      <button type="submit" className="button" disabled={busy || emptyCells === 0}>
        {busy ? "Starting…" : "Write and queue the letters"}
      </button>
    </Form>
  );
}
