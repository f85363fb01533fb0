import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getUserProfile } from "~/auth/users.server";
import { getCase } from "~/cases/cases.server";
import { listExposures } from "~/exposures/exposures.server";
import {
  authoritiesFor,
  defaultAuthority,
  defaultLang,
  detailsFromSubject,
  recipientGroups,
} from "~/requests/compose/compose.server";
import { LETTER_DETAIL_ARRAYS, NOT_LEGAL_ADVICE } from "~/requests/compose/forms";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { latestMandate } from "~/requests/compose/mandates.server";
import { HOME_ADDRESS_WARNING, passedOnNotice } from "~/requests/compose/sender-safety";
import { recipientShowsContent } from "~/requests/compose/sender-safety.server";
import { STATE_LAW_OPTIONS, stateLawOf } from "~/requests/compose/state-laws";
import { OWN_NAMES } from "~/requests/languages";
import { listWorkspaceTemplates } from "~/requests/render/workspace-templates.server";
import { evidenceChoices, writeLetter } from "~/requests/store.server";
import { getSubject } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formValues } from "~/utils/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";
import { getWorkspace } from "~/workspaces/workspaces.server";

const LANG_NAMES: Record<string, string> = OWN_NAMES;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { caseId } = parseIds(params, "caseId");
  const kase = getCase(scope, caseId);
  const subject = getSubject(scope, kase.subjectId);
  const residence = subject.country || null;
  const exposures = listExposures(scope, caseId);
  const groups = recipientGroups(scope.workspaceId, exposures, { residence, region: subject.region || null });
  const key = new URL(request.url).searchParams.get("to");
  const group = groups.find((g) => g.key === key) ?? (groups.length === 1 ? groups[0] : undefined);
  const firstRegime = group?.options[0]?.regime ?? "gdpr";
  // A representative writes as themselves, under the client's latest signed letter of authority.
  const me = getUserProfile(scope.userId);
  const workspace = getWorkspace(scope.workspaceId);
  const mandate = latestMandate(scope.workspaceId, kase.subjectId);
  return {
    caseId,
    groups: groups.map((g) => ({
      key: g.key,
      name: g.name,
      count: g.exposures.length,
      options: g.options.length,
    })),
    group: group ?? null,
    evidence: group
      ? evidenceChoices(
          scope,
          exposures.filter((e) => group.exposures.some((x) => x.id === e.id)),
        )
      : [],
    defaults: {
      ...detailsFromSubject(subject),
      lang: defaultLang(residence),
      authorityName: defaultAuthority(firstRegime, residence, subject.region || null),
      // A US state letter names the law of the state the person lives in.
      stateLaw: residence === "US" ? (stateLawOf(subject.region)?.code ?? "") : "",
      repName: me?.name ?? "",
      repEmail: me?.email ?? "",
      repOrganisation: workspace?.kind === "organisation" ? workspace.name : "",
      repMandateDate: mandate?.signedOn ?? "",
    },
    subjectId: kase.subjectId,
    // Only owners and admins edit the workspace's wording (decision 062): nobody else is sent to a page they may not open.
    canManageTemplates: can(scope, "templates:manage"),
    // Offered as a choice only, never filled in (docs/legal.md §2); writeLetter reads it again from the record.
    homeAddress: subject.addresses[0]?.trim() || null,
    showsContent: group ? recipientShowsContent(scope.workspaceId, group.recipientId) : true,
    hasMandate: Boolean(mandate),
    stateLaws: STATE_LAW_OPTIONS,
    authorities: authoritiesFor(residence),
    ownTemplates: listWorkspaceTemplates(scope)
      .filter((t) => group?.options.some((o) => o.kind === t.kind))
      .map((t) => ({
        value: t.id,
        label: `Your template: ${t.title} (${LANG_NAMES[t.lang] ?? t.lang}, version ${t.version})`,
      })),
    langNames: LANG_NAMES,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { caseId } = parseIds(params, "caseId");
  const form = await request.formData();
  const parsed = parseForm(form, LetterDetailsSchema, LETTER_DETAIL_ARRAYS);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const id = writeLetter(scope, caseId, parsed.data);
    return redirect(`/cases/${caseId}/requests/${id}`);
  } catch (e) {
    // LetterInputError: under its field, or on the whole form; what was typed stays in the form.
    return formFailureOrThrow(e, { values: formValues(form, LETTER_DETAIL_ARRAYS) });
  }
}

export default function NewLetter() {
  const {
    caseId,
    groups,
    group,
    defaults,
    authorities,
    langNames,
    evidence,
    ownTemplates,
    subjectId,
    hasMandate,
    stateLaws,
    homeAddress,
    showsContent,
    canManageTemplates,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formMethod === "POST";
  const v = (name: string) =>
    textValue(data?.values, name) ?? (defaults as Record<string, string | undefined>)[name] ?? "";
  const e = data?.fieldErrors ?? {};

  if (groups.length === 0) {
    return (
      <div className="stack narrow">
        <h1>Write a letter</h1>
        <div className="empty">
          <p>
            Record at least one place where the details appear first; letters are written for those places.
          </p>
        </div>
        <Link to={`/cases/${caseId}`}>Back to the case</Link>
      </div>
    );
  }

  if (!group) {
    return (
      <div className="stack narrow">
        <h1>Write a letter</h1>
        <p>One letter goes to one recipient. Who do you want to write to?</p>
        <ul className="list">
          {groups.map((g) => (
            <li key={g.key} className="list-item">
              <Link to={`?to=${encodeURIComponent(g.key)}`}>Write to {g.name}</Link>{" "}
              <span className="muted">
                ({g.count} {g.count === 1 ? "place" : "places"})
              </span>
            </li>
          ))}
        </ul>
        <Link to={`/cases/${caseId}`}>Back to the case</Link>
      </div>
    );
  }

  const langs: string[] = [...new Set(group.options.flatMap((o) => o.langs))];
  return (
    <div className="stack medium">
      <p>
        <Link to={`/cases/${caseId}`}>Back to the case</Link>
      </p>
      <h1>Write to {group.name}</h1>
      <p className="notice notice-warn letter-advice">{NOT_LEGAL_ADVICE}</p>
      <p className="muted">
        Emailed letters go from your own mailbox (<Link to="/settings/email">email settings</Link>)
        {canManageTemplates ? (
          <>
            ; your own wording lives in <Link to="/settings/templates">letter templates</Link>
          </>
        ) : null}
        .
      </p>
      {group.options.length === 0 ? (
        <div className="notice notice-warn">
          <p>
            Retract has no letter for this recipient yet (it is not in the directory, or no law it knows of
            applies). You can add it to the directory, or report the content through the site itself.
          </p>
        </div>
      ) : (
        <Form method="post" noValidate className="stack">
          <FormErrors errors={data?.formErrors} />
          <fieldset className="field" aria-describedby={e.exposureIds ? "f-exposureIds-error" : undefined}>
            <legend>Places this letter covers</legend>
            {e.exposureIds ? (
              <p className="error" id="f-exposureIds-error">
                {e.exposureIds.join(" ")}
              </p>
            ) : null}
            <div className="checks">
              {group.exposures.map((x) => (
                <label key={x.id} className="check">
                  <input type="checkbox" name="exposureIds" value={x.id} defaultChecked />{" "}
                  <span className="mono">{x.url}</span>
                  {x.exposed.length ? <span className="muted"> — {x.exposed.join(", ")}</span> : null}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="field">
            <legend>Kind of letter</legend>
            {e.option ? <p className="error">{e.option.join(" ")}</p> : null}
            <div className="checks">
              {group.options.map((o, i) => {
                const passedOn = passedOnNotice(o.kind);
                const noticeId = `passed-on-${o.value.replace("/", "-")}`;
                return (
                  <div key={o.value} className="stack">
                    <label className="check letter-option">
                      <input
                        type="radio"
                        name="option"
                        value={o.value}
                        aria-describedby={passedOn ? noticeId : undefined}
                        defaultChecked={data?.values?.option ? data.values.option === o.value : i === 0}
                      />{" "}
                      <strong>{o.title}</strong>
                      <span className="hint"> {o.reason}</span>
                    </label>
                    {passedOn ? (
                      <p className="notice passed-on-notice" id={noticeId}>
                        {passedOn}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>

          <SelectField
            name="lang"
            label="Language of the letter"
            hint="A kind of letter not yet written in this language is written in English."
            options={langs.map((l) => ({ value: l, label: langNames[l] ?? l }))}
            defaultValue={langs.includes(v("lang")) ? v("lang") : "en"}
            errors={e.lang}
          />
          {ownTemplates.length ? (
            <SelectField
              name="workspaceTemplateId"
              label="Wording"
              hint="Your own templates must be of the kind chosen above."
              options={[{ value: "", label: "Retract's wording" }, ...ownTemplates]}
              defaultValue={v("workspaceTemplateId")}
              errors={e.workspaceTemplateId}
            />
          ) : null}
          <SelectField
            name="destination"
            label="Send it"
            options={group.destinations.map((d) => ({ value: d.value, label: d.label }))}
            defaultValue={v("destination") || undefined}
            errors={e.destination}
          />
          <TextField
            name="otherEmail"
            type="email"
            label="Or email it to another address (optional)"
            hint="For example a privacy address from their website that the directory does not list yet."
            defaultValue={v("otherEmail")}
            errors={e.otherEmail}
          />

          <fieldset className="field stack">
            <legend>Who is asking</legend>
            <TextField
              name="requesterName"
              label="Name"
              defaultValue={v("requesterName")}
              errors={e.requesterName}
            />
            <TextField
              name="requesterEmail"
              type="email"
              label="Email address for the answer"
              hint="They may use it to find the data; it also goes in the letter."
              defaultValue={v("requesterEmail")}
              errors={e.requesterEmail}
            />
            <fieldset
              className="field"
              aria-describedby={e.contactAddress ? "f-contactAddress-error" : "f-contactAddress-hint"}
            >
              <legend>Postal address in the letter</legend>
              <p className="hint" id="f-contactAddress-hint">
                Your email address is enough for them to find the data and answer. An address goes in only if
                you choose one here.
              </p>
              {e.contactAddress ? (
                <p className="error" id="f-contactAddress-error">
                  {e.contactAddress.join(" ")}
                </p>
              ) : null}
              <div className="checks">
                <label className="check">
                  <input
                    type="radio"
                    name="contactAddress"
                    value="none"
                    defaultChecked={!["typed", "home"].includes(v("contactAddress"))}
                  />{" "}
                  No postal address, email only
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="contactAddress"
                    value="typed"
                    defaultChecked={v("contactAddress") === "typed"}
                  />{" "}
                  A safe address I type below: a representative's, a PO box, or the organisation's when a
                  caseworker acts
                </label>
                {homeAddress ? (
                  <label className="check">
                    <input
                      type="radio"
                      name="contactAddress"
                      value="home"
                      aria-describedby={showsContent ? "home-address-warning" : undefined}
                      defaultChecked={v("contactAddress") === "home"}
                    />{" "}
                    The home address on file ({homeAddress.split("\n")[0]})
                  </label>
                ) : null}
                {homeAddress && showsContent ? (
                  <p className="notice notice-warn" id="home-address-warning">
                    {HOME_ADDRESS_WARNING}
                  </p>
                ) : null}
              </div>
              <TextArea
                name="requesterAddress"
                label="Safe address to use"
                hint="Used only when you choose to type an address above."
                rows={2}
                defaultValue={v("requesterAddress")}
                errors={e.requesterAddress}
              />
            </fieldset>
            <TextField
              name="requesterPhone"
              type="tel"
              label="Phone number (optional)"
              hint="Left empty, no phone number goes in the letter. A copyright (DMCA) notice asks for one but does not require it."
              defaultValue={v("requesterPhone")}
              errors={e.requesterPhone}
            />
            <TextField
              name="requesterCountry"
              label="Country you live in"
              defaultValue={v("requesterCountry")}
              errors={e.requesterCountry}
            />
          </fieldset>

          <details className="field">
            <summary>I am writing for this person (representative)</summary>
            <div className="stack">
              <label className="check">
                <input type="checkbox" name="represented" defaultChecked={v("represented") === "on"} /> Write
                as their representative
              </label>
              <TextField name="repName" label="Your name" defaultValue={v("repName")} errors={e.repName} />
              <TextField
                name="repOrganisation"
                label="Organisation (optional)"
                defaultValue={v("repOrganisation")}
              />
              <TextField
                name="repEmail"
                type="email"
                label="Your email"
                defaultValue={v("repEmail")}
                errors={e.repEmail}
              />
              <TextField name="repPhone" label="Your phone (optional)" defaultValue={v("repPhone")} />
              <TextArea
                name="repAddress"
                label="Your address (optional)"
                rows={2}
                defaultValue={v("repAddress")}
              />
              <p className="hint">
                {hasMandate
                  ? "The signed letter of authority on file is attached, and its date stated."
                  : "No signed letter of authority is on file for this person yet: the letter cannot be sent until it is uploaded."}{" "}
                <Link to={`/subjects/${subjectId}`}>Letter of authority</Link>
              </p>
              <TextField
                name="repMandateDate"
                type="date"
                label="Date they signed the letter of authority"
                hint="Taken from the signed copy on file when there is one."
                defaultValue={v("repMandateDate")}
                errors={e.repMandateDate}
              />
            </div>
          </details>

          {group.options.some((o) => o.regime === "us-state") ? (
            <SelectField
              name="stateLaw"
              label="State you live in (for a US state privacy law)"
              hint="The letter cites this state's law. Needed for a US state deletion request."
              options={[{ value: "", label: "Not a US state letter" }, ...stateLaws]}
              defaultValue={v("stateLaw")}
              errors={e.stateLaw}
            />
          ) : null}
          <TextArea
            name="particularSituation"
            label="Why this puts you at risk"
            hint="In your own words: what happened since the details were published. GDPR objections and Korean requests need it."
            rows={4}
            defaultValue={v("particularSituation")}
            errors={e.particularSituation}
          />
          <TextArea
            name="illegalityExplanation"
            label="Why the content is illegal (for a DSA notice)"
            rows={3}
            defaultValue={v("illegalityExplanation")}
            errors={e.illegalityExplanation}
          />
          <TextArea
            name="searchTerms"
            label="Names searched (for search-engine delisting), one a line"
            rows={2}
            defaultValue={v("searchTerms")}
          />
          <TextArea
            name="delistingReason"
            label="Why the results are inadequate or excessive (for delisting)"
            rows={2}
            defaultValue={v("delistingReason")}
          />
          <TextArea
            name="identifiers"
            label="Handles or addresses that help them find the data (optional), one a line"
            rows={2}
            defaultValue={v("identifiers")}
          />
          <TextField
            name="authorityName"
            label="Authority you would complain to"
            hint="Named in the letter as the next step if they do not answer."
            defaultValue={v("authorityName")}
            errors={e.authorityName}
          />
          {authorities.length ? (
            <details>
              <summary>Authorities in your country</summary>
              <ul>
                {authorities.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <TextField
            name="workTitle"
            label="Your photo's title (for a DMCA notice)"
            defaultValue={v("workTitle")}
          />
          <TextField
            name="workDescription"
            label="Describe your photo (for a DMCA notice)"
            defaultValue={v("workDescription")}
          />
          {evidence.length ? (
            <fieldset className="field">
              <legend>Attach evidence (optional)</legend>
              <div className="checks">
                {evidence.map((f) => (
                  <label key={f.id} className="check">
                    <input type="checkbox" name="attachmentIds" value={f.id} /> {f.filename}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <SelectField
            name="paper"
            label="Paper size for the PDF"
            options={[
              { value: "A4", label: "A4" },
              { value: "LETTER", label: "US Letter" },
            ]}
            defaultValue={v("paper") || "A4"}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Writing…" : "Write the letter"}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Write a letter · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
