import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_KINDS, EXPOSED_LABELS } from "~/exposures/categories";
import { useT } from "~/i18n/i18n-context";
import { createIntake, intakeAssignees } from "~/subjects/intake.server";
import { CONSENT_ANSWERS, HARM_ANSWERS, OTHERS_READ, SAFE_CHANNELS } from "~/subjects/intake-choices";
import { IntakeSchema } from "~/subjects/intake-schema.server";
import { RegionField } from "~/subjects/subject-fields";
import { CheckboxGroup, FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import type { FormValues } from "~/utils/form-values";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  return {
    countries: countryOptions(),
    canAssign: can(scope, "subject:assign"),
    assignees: intakeAssignees(scope).map((m) => ({
      value: m.userId,
      label: m.userId === scope.userId ? `${m.name} (you)` : m.name,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const form = await request.formData();
  const parsed = parseForm(form, IntakeSchema, ["leaked"]);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const { subjectId } = createIntake(scope, parsed.data);
    return redirect(`/clients/${subjectId}/intake?new=1`);
  } catch (e) {
    if (e instanceof UserError) return formFailure(e);
    throw e;
  }
}

function RadioGroup({
  name,
  legend,
  hint,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: Record<string, string>;
  defaultValue?: string;
  errors?: string[];
}) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="field" aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="checks">
        {Object.entries(options).map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name={name} value={value} defaultChecked={defaultValue === value} /> {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function NewClient() {
  const { countries, canAssign, assignees } = useLoaderData<typeof loader>();
  const { t } = useT();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v: Partial<FormValues> = data?.values ?? {};
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const e = data?.fieldErrors ?? {};
  return (
    <div className="stack medium">
      <h1>New client</h1>
      <p>
        Fill this in together with the person at first contact. Take your time: only the name is needed to
        start, and you can add the rest later. Everything here is encrypted.
      </p>
      <Form method="post" className="stack" noValidate>
        {data ? <FormErrors errors={["Some answers need another look. See the notes below."]} /> : null}
        <section className="card stack" aria-labelledby="intake-person">
          <h2 id="intake-person">About them</h2>
          <TextField
            name="name"
            label="Full name"
            defaultValue={s("name")}
            errors={e.name}
            autoComplete="off"
          />
          <TextArea
            name="aliases"
            label="Other names (optional)"
            hint="Nicknames, former names, other spellings. One per line."
            defaultValue={s("aliases")}
            errors={e.aliases}
            rows={2}
          />
          <SelectField
            name="country"
            label="Country where they live (optional)"
            hint="This decides which privacy laws we can use for them."
            defaultValue={s("country") ?? ""}
            errors={e.country}
            options={[
              { value: "", label: "Not known yet" },
              ...countries.map((c) => ({ value: c.code, label: c.name })),
            ]}
          />
          <RegionField country={s("country")} region={s("region")} errors={e.region} />
        </section>

        <section className="card stack" aria-labelledby="intake-contact">
          <h2 id="intake-contact">Contacting them safely</h2>
          <RadioGroup
            name="safeChannel"
            legend="How can we contact them safely?"
            options={SAFE_CHANNELS}
            defaultValue={s("safeChannel")}
            errors={e.safeChannel}
          />
          <TextField
            name="safeContact"
            label="Number, address or name to use (optional)"
            hint="Only the one that is safe. For example a friend's number, or a new email address."
            defaultValue={s("safeContact")}
            errors={e.safeContact}
            autoComplete="off"
          />
          <TextField
            name="safeTimes"
            label="When is it safe to contact them? (optional)"
            hint="For example “weekdays between 10 and 2”."
            defaultValue={s("safeTimes")}
            errors={e.safeTimes}
            autoComplete="off"
          />
          <RadioGroup
            name="othersRead"
            legend="Does someone else read their mail or messages?"
            hint="If yes, we never send anything there that shows they are getting help."
            options={OTHERS_READ}
            defaultValue={s("othersRead")}
            errors={e.othersRead}
          />
        </section>

        <section className="card stack" aria-labelledby="intake-leak">
          <h2 id="intake-leak">What leaked</h2>
          <CheckboxGroup
            legend="What was shared about them? (optional)"
            name="leaked"
            options={EXPOSED_KINDS.map((k) => ({ value: k, label: t(EXPOSED_LABELS[k]) }))}
            defaultValues={Array.isArray(v.leaked) ? v.leaked : []}
            errors={e.leaked}
          />
          <TextArea
            name="leakedNotes"
            label="Anything else about what leaked (optional)"
            defaultValue={s("leakedNotes")}
            errors={e.leakedNotes}
            rows={3}
          />
          <TextArea
            name="urls"
            label="Where it was posted (optional)"
            hint="Web addresses of the posts or pages, one per line. You can add more later."
            defaultValue={s("urls")}
            errors={e.urls}
            rows={3}
          />
          <RadioGroup
            name="harm"
            legend="Do the posts call for someone to hurt, find or threaten them?"
            hint="If yes, we mark the case urgent and show what to do first. If they are in danger right now, they should call the local emergency number."
            options={HARM_ANSWERS}
            defaultValue={s("harm")}
            errors={e.harm}
          />
        </section>

        <section className="card stack" aria-labelledby="intake-consent">
          <h2 id="intake-consent">Acting for them</h2>
          <RadioGroup
            name="consent"
            legend="Do they want us to contact websites and companies for them?"
            options={CONSENT_ANSWERS}
            defaultValue={s("consent")}
            errors={e.consent}
          />
          {canAssign ? (
            <SelectField
              name="assignee"
              label="Who will work with them?"
              hint="Caseworkers see only the clients given to them."
              defaultValue={s("assignee") ?? ""}
              errors={e.assignee}
              options={[{ value: "", label: "Nobody yet (owners and admins can see them)" }, ...assignees]}
            />
          ) : (
            <p className="hint">You will be their caseworker.</p>
          )}
        </section>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save and continue"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New client · Retract" }];
