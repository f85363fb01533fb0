import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getUserProfile } from "~/auth/users.server";
import { getCase } from "~/cases/cases.server";
import { EXPOSED_LABELS } from "~/exposures/categories";
import { listExposures } from "~/exposures/exposures.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { reasonInWords } from "~/recipients/regimes";
import {
  authoritiesFor,
  defaultAuthority,
  defaultLang,
  detailsFromSubject,
  recipientGroups,
} from "~/requests/compose/compose.server";
import { destinationInWords } from "~/requests/compose/destinations";
import { LETTER_DETAIL_ARRAYS, LETTER_OPTION_TITLES, NOT_LEGAL_ADVICE_KEY } from "~/requests/compose/forms";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { latestMandate } from "~/requests/compose/mandates.server";
import { HOME_ADDRESS_WARNING, passedOnNoticeKey } from "~/requests/compose/sender-safety";
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
  const { t, locale } = await getTranslator(request);
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
    // What the person reads of the letters and destinations, in the page's language (the letter keeps its own).
    group: group
      ? {
          ...group,
          options: group.options.map((o) => ({
            ...o,
            title:
              o.kind in LETTER_OPTION_TITLES
                ? t(LETTER_OPTION_TITLES[o.kind as keyof typeof LETTER_OPTION_TITLES])
                : o.title,
            reason: reasonInWords(t, locale, o.reasonMessage),
          })),
          destinations: group.destinations.map((d) => ({ ...d, label: destinationInWords(t, d.words) })),
          exposures: group.exposures.map((x) => ({
            ...x,
            exposed: x.exposed.map((k) => t(EXPOSED_LABELS[k])),
          })),
        }
      : null,
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
      .filter((own) => group?.options.some((o) => o.kind === own.kind))
      .map((own) => ({
        value: own.id,
        label: t("letterNew.wording.own", {
          title: own.title,
          lang: LANG_NAMES[own.lang] ?? own.lang,
          version: own.version,
        }),
      })),
    langNames: LANG_NAMES,
    title: t("letterNew.pageTitle"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { caseId } = parseIds(params, "caseId");
  const form = await request.formData();
  const parsed = parseForm(form, LetterDetailsSchema, LETTER_DETAIL_ARRAYS);
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  try {
    const id = writeLetter(scope, caseId, parsed.data);
    return redirect(`/cases/${caseId}/requests/${id}`);
  } catch (e) {
    // LetterInputError: under its field, or on the whole form; what was typed stays in the form.
    return formFailureOrThrow(e, {
      values: formValues(form, LETTER_DETAIL_ARRAYS),
      translator: await getTranslator(request),
    });
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
  const { t, rich } = useT();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formMethod === "POST";
  const v = (name: string) =>
    textValue(data?.values, name) ?? (defaults as Record<string, string | undefined>)[name] ?? "";
  const e = data?.fieldErrors ?? {};

  if (groups.length === 0) {
    return (
      <div className="stack narrow">
        <h1>{t("letterNew.title")}</h1>
        <div className="empty">
          <p>{t("letterNew.noPlaces")}</p>
        </div>
        <Link to={`/cases/${caseId}`}>{t("letterNew.backToCase")}</Link>
      </div>
    );
  }

  if (!group) {
    return (
      <div className="stack narrow">
        <h1>{t("letterNew.title")}</h1>
        <p>{t("letterNew.chooseRecipient")}</p>
        <ul className="list">
          {groups.map((g) => (
            <li key={g.key} className="list-item">
              <Link to={`?to=${encodeURIComponent(g.key)}`}>{t("letterNew.writeTo", { name: g.name })}</Link>{" "}
              <span className="muted">{t("letterNew.placeCount", { count: g.count })}</span>
            </li>
          ))}
        </ul>
        <Link to={`/cases/${caseId}`}>{t("letterNew.backToCase")}</Link>
      </div>
    );
  }

  const langs: string[] = [...new Set(group.options.flatMap((o) => o.langs))];
  return (
    <div className="stack medium">
      <p>
        <Link to={`/cases/${caseId}`}>{t("letterNew.backToCase")}</Link>
      </p>
      <h1>{t("letterNew.writeTo", { name: group.name })}</h1>
      <p className="notice notice-warn letter-advice">{t(NOT_LEGAL_ADVICE_KEY)}</p>
      <p className="muted">
        {rich(canManageTemplates ? "letterNew.mailboxTemplates" : "letterNew.mailbox", {
          email: (chunks) => <Link to="/settings/email">{chunks}</Link>,
          templates: (chunks) => <Link to="/settings/templates">{chunks}</Link>,
        })}
      </p>
      {group.options.length === 0 ? (
        <div className="notice notice-warn">
          <p>{t("letterNew.noLetter")}</p>
        </div>
      ) : (
        <Form method="post" noValidate className="stack">
          <FormErrors errors={data?.formErrors} />
          <fieldset className="field" aria-describedby={e.exposureIds ? "f-exposureIds-error" : undefined}>
            <legend>{t("letterNew.places.legend")}</legend>
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
            <legend>{t("letterNew.kind.legend")}</legend>
            {e.option ? <p className="error">{e.option.join(" ")}</p> : null}
            <div className="checks">
              {group.options.map((o, i) => {
                const passedOn = passedOnNoticeKey(o.kind);
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
                        {t(passedOn)}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>

          <SelectField
            name="lang"
            label={t("letterNew.lang.label")}
            hint={t("letterNew.lang.hint")}
            options={langs.map((l) => ({ value: l, label: langNames[l] ?? l }))}
            defaultValue={langs.includes(v("lang")) ? v("lang") : "en"}
            errors={e.lang}
          />
          {ownTemplates.length ? (
            <SelectField
              name="workspaceTemplateId"
              label={t("letterNew.wording.label")}
              hint={t("letterNew.wording.hint")}
              options={[{ value: "", label: t("letterNew.wording.retract") }, ...ownTemplates]}
              defaultValue={v("workspaceTemplateId")}
              errors={e.workspaceTemplateId}
            />
          ) : null}
          <SelectField
            name="destination"
            label={t("letterNew.destination.label")}
            options={group.destinations.map((d) => ({ value: d.value, label: d.label }))}
            defaultValue={v("destination") || undefined}
            errors={e.destination}
          />
          <TextField
            name="otherEmail"
            type="email"
            label={t("letterNew.otherEmail.label")}
            hint={t("letterNew.otherEmail.hint")}
            defaultValue={v("otherEmail")}
            errors={e.otherEmail}
          />

          <fieldset className="field stack">
            <legend>{t("letterNew.requester.legend")}</legend>
            <TextField
              name="requesterName"
              label={t("letterNew.requesterName.label")}
              defaultValue={v("requesterName")}
              errors={e.requesterName}
            />
            <TextField
              name="requesterEmail"
              type="email"
              label={t("letterNew.requesterEmail.label")}
              hint={t("letterNew.requesterEmail.hint")}
              defaultValue={v("requesterEmail")}
              errors={e.requesterEmail}
            />
            <fieldset
              className="field"
              aria-describedby={e.contactAddress ? "f-contactAddress-error" : "f-contactAddress-hint"}
            >
              <legend>{t("letterNew.address.legend")}</legend>
              <p className="hint" id="f-contactAddress-hint">
                {t("letterNew.address.hint")}
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
                  {t("letterNew.address.none")}
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="contactAddress"
                    value="typed"
                    defaultChecked={v("contactAddress") === "typed"}
                  />{" "}
                  {t("letterNew.address.typed")}
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
                    {t("letterNew.address.home", { firstLine: homeAddress.split("\n")[0] ?? "" })}
                  </label>
                ) : null}
                {homeAddress && showsContent ? (
                  <p className="notice notice-warn" id="home-address-warning">
                    {t(HOME_ADDRESS_WARNING)}
                  </p>
                ) : null}
              </div>
              <TextArea
                name="requesterAddress"
                label={t("letterNew.requesterAddress.label")}
                hint={t("letterNew.requesterAddress.hint")}
                rows={2}
                defaultValue={v("requesterAddress")}
                errors={e.requesterAddress}
              />
            </fieldset>
            <TextField
              name="requesterPhone"
              type="tel"
              label={t("letterNew.phone.label")}
              hint={t("letterNew.phone.hint")}
              defaultValue={v("requesterPhone")}
              errors={e.requesterPhone}
            />
            <TextField
              name="requesterCountry"
              label={t("letterNew.country.label")}
              defaultValue={v("requesterCountry")}
              errors={e.requesterCountry}
            />
          </fieldset>

          <details className="field">
            <summary>{t("letterNew.rep.summary")}</summary>
            <div className="stack">
              <label className="check">
                <input type="checkbox" name="represented" defaultChecked={v("represented") === "on"} />{" "}
                {t("letterNew.rep.check")}
              </label>
              <TextField
                name="repName"
                label={t("letterNew.rep.name")}
                defaultValue={v("repName")}
                errors={e.repName}
              />
              <TextField
                name="repOrganisation"
                label={t("letterNew.rep.organisation")}
                defaultValue={v("repOrganisation")}
              />
              <TextField
                name="repEmail"
                type="email"
                label={t("letterNew.rep.email")}
                defaultValue={v("repEmail")}
                errors={e.repEmail}
              />
              <TextField name="repPhone" label={t("letterNew.rep.phone")} defaultValue={v("repPhone")} />
              <TextArea
                name="repAddress"
                label={t("letterNew.rep.address")}
                rows={2}
                defaultValue={v("repAddress")}
              />
              <p className="hint">
                {t(hasMandate ? "letterNew.rep.mandateOnFile" : "letterNew.rep.noMandate")}{" "}
                <Link to={`/subjects/${subjectId}`}>{t("letterNew.rep.mandateLink")}</Link>
              </p>
              <TextField
                name="repMandateDate"
                type="date"
                label={t("letterNew.rep.mandateDate.label")}
                hint={t("letterNew.rep.mandateDate.hint")}
                defaultValue={v("repMandateDate")}
                errors={e.repMandateDate}
              />
            </div>
          </details>

          {group.options.some((o) => o.regime === "us-state") ? (
            <SelectField
              name="stateLaw"
              label={t("letterNew.stateLaw.label")}
              hint={t("letterNew.stateLaw.hint")}
              options={[{ value: "", label: t("letterNew.stateLaw.none") }, ...stateLaws]}
              defaultValue={v("stateLaw")}
              errors={e.stateLaw}
            />
          ) : null}
          <TextArea
            name="particularSituation"
            label={t("letterNew.situation.label")}
            hint={t("letterNew.situation.hint")}
            rows={4}
            defaultValue={v("particularSituation")}
            errors={e.particularSituation}
          />
          <TextArea
            name="illegalityExplanation"
            label={t("letterNew.illegality.label")}
            rows={3}
            defaultValue={v("illegalityExplanation")}
            errors={e.illegalityExplanation}
          />
          <TextArea
            name="searchTerms"
            label={t("letterNew.searchTerms.label")}
            rows={2}
            defaultValue={v("searchTerms")}
          />
          <TextArea
            name="delistingReason"
            label={t("letterNew.delistingReason.label")}
            rows={2}
            defaultValue={v("delistingReason")}
          />
          <TextArea
            name="identifiers"
            label={t("letterNew.identifiers.label")}
            rows={2}
            defaultValue={v("identifiers")}
          />
          <TextField
            name="authorityName"
            label={t("letterNew.authority.label")}
            hint={t("letterNew.authority.hint")}
            defaultValue={v("authorityName")}
            errors={e.authorityName}
          />
          {authorities.length ? (
            <details>
              <summary>{t("letterNew.authorities.summary")}</summary>
              <ul>
                {authorities.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <TextField name="workTitle" label={t("letterNew.workTitle.label")} defaultValue={v("workTitle")} />
          <TextField
            name="workDescription"
            label={t("letterNew.workDescription.label")}
            defaultValue={v("workDescription")}
          />
          {evidence.length ? (
            <fieldset className="field">
              <legend>{t("letterNew.evidence.legend")}</legend>
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
            label={t("letterNew.paper.label")}
            options={[
              { value: "A4", label: t("letterNew.paper.a4") },
              { value: "LETTER", label: t("letterNew.paper.letter") },
            ]}
            defaultValue={v("paper") || "A4"}
          />
          <button type="submit" className="button" disabled={busy}>
            {t(busy ? "letterNew.submitting" : "letterNew.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Write a letter · Retract" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
