import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  ChangePasswordSchema,
  EraseWorkspaceSchema,
  RevokeOthersSchema,
  RevokeSessionSchema,
} from "~/account/schemas.server";
import {
  passwordAttemptSucceeded,
  takePasswordAttempt,
  tooManyAttemptsMessage,
} from "~/auth/rate-limit.server";
import { requireScope } from "~/auth/session.server";
import {
  changePassword,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  SessionError,
} from "~/auth/sessions.server";
import { CalendarFeedSection } from "~/calendar/calendar-feed-section";
import { calendarFeedState } from "~/calendar/feeds.server";
import { eraseWorkspaceData } from "~/export/erase.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import type { Locale } from "~/i18n/languages";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { userErrorIn } from "~/requests/said";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import {
  type FailureCause,
  type FailureStatus,
  formFailure,
  parseForm,
  UserError,
} from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireScope(request);
  return {
    sessions: listSessions(session).map((s) => ({
      ...s,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
    })),
    canManage: can(session, "workspace:manage"),
    calendarFeed: calendarFeedState(session, null),
  };
}

/**
 * A failed form of this page, with the form it came from. The values never go back: the password form's
 * fields (current, confirm) are passwords by other names.
 */
const fail = (intent: string, cause: FailureCause, status?: FailureStatus) =>
  formFailure(cause, { status, values: {}, extra: { intent } });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireScope(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const translator = await getTranslator(request);
  const { t } = translator;
  if (intent === "revoke") {
    const parsed = parseForm(form, RevokeSessionSchema);
    if (!parsed.ok) return fail(intent, t("errors.account.chooseSession"));
    try {
      if (!revokeSession(session, parsed.data.session))
        return fail(intent, t("errors.account.sessionEnded"), 404);
    } catch (e) {
      if (e instanceof SessionError) return fail(intent, userErrorIn(translator, e));
      throw e;
    }
    return redirect("/account?revoked=1");
  }
  if (intent === "revoke-others") {
    if (!parseForm(form, RevokeOthersSchema).ok) return fail(intent, t("errors.account.formIncomplete"));
    revokeOtherSessions(session);
    return redirect("/account?revoked=others");
  }
  if (intent === "password") {
    const parsed = parseForm(form, ChangePasswordSchema);
    if (!parsed.ok) return fail(intent, translateFailure(translator, parsed));
    // Someone holding a stolen session must not be able to guess the password at leisure.
    const limitKey = `password-change:${session.userId}`;
    const ip = context.clientIp ?? "unknown";
    const attempt = takePasswordAttempt(ip, limitKey);
    if (!attempt.ok) return fail(intent, tooManyAttemptsMessage(translator.t, attempt), 429);
    if (!(await changePassword(session, parsed.data.current, parsed.data.password)))
      return fail(intent, new UserError(t("errors.account.currentPasswordWrong"), { field: "current" }));
    passwordAttemptSucceeded(ip, limitKey);
    return redirect("/account?password=changed");
  }
  if (intent === "erase") {
    requirePermission(session, "workspace:manage");
    const parsed = parseForm(form, EraseWorkspaceSchema);
    if (!parsed.ok) return fail(intent, translateFailure(translator, parsed));
    eraseWorkspaceData(session);
    return redirect("/account?erased=1");
  }
  return fail(intent, t("errors.account.formUnknown"));
}

const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de", fr: "fr", nl: "nl", ko: "ko" };

/** A moment in UTC (the page says so), in the page's language: 4 Dec 2026, 21:05. */
const moment = (locale: Locale, iso: string) =>
  new Date(iso).toLocaleString(INTL_LOCALE[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });

/** The device in the page's language; the browser's and system's names are the same in every language. */
function deviceName({ t }: Translator, s: { browser?: string; system?: string }) {
  if (s.browser && s.system) return t("account.device.both", { browser: s.browser, system: s.system });
  if (s.browser) return s.browser;
  return s.system ? t("account.device.system", { system: s.system }) : t("account.device.unknown");
}

export default function AccountPage() {
  const { sessions, canManage, calendarFeed } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = (intent: string) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errorsFor = (intent: string) => (data?.intent === intent ? data : undefined);
  const others = sessions.filter((s) => !s.current).length;
  const translator = useT();
  const { t, locale } = translator;
  const when = (iso: string) => moment(locale, iso);
  return (
    <div className="stack medium">
      <h1>{t("account.title")}</h1>
      {params.get("revoked") ? (
        <p className="notice notice-ok" role="status">
          {params.get("revoked") === "others" ? t("account.revoked.others") : t("account.revoked.one")}
        </p>
      ) : null}
      {params.get("erased") ? (
        <p className="notice notice-ok" role="status">
          {t("account.erased")}
        </p>
      ) : null}
      {params.get("password") ? (
        <p className="notice notice-ok" role="status">
          {t("account.passwordChanged")}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("account.sessions.title")}</h2>
        <p className="hint">{t("account.sessions.hint")}</p>
        <FormErrors errors={errorsFor("revoke")?.formErrors ?? errorsFor("revoke-others")?.formErrors} />
        <ul className="list" aria-label={t("account.sessions.listLabel")}>
          {sessions.map((s) => (
            <li key={s.id} className="list-item spread">
              <div>
                <h3>
                  {deviceName(translator, s)}{" "}
                  {s.current ? (
                    <span className="badge badge-open">{t("account.sessions.thisDevice")}</span>
                  ) : null}
                </h3>
                <p className="meta-row muted">
                  <span>{t("account.sessions.loggedIn", { when: when(s.createdAt) })}</span>
                  <span>{t("account.sessions.lastUsed", { when: when(s.lastUsedAt) })}</span>
                </p>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="session" value={s.id} />
                  <button type="submit" className="button button-secondary" disabled={busy("revoke")}>
                    {t("account.sessions.logOut")}
                    <span className="visually-hidden">
                      {" "}
                      {t("account.sessions.logOutWhich", {
                        device: deviceName(translator, s),
                        when: when(s.lastUsedAt),
                      })}
                    </span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-others" />
            <button type="submit" className="button button-danger" disabled={busy("revoke-others")}>
              {busy("revoke-others") ? t("account.sessions.loggingOut") : t("account.sessions.logOutOthers")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("account.sessions.noOthers")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.password.title")}</h2>
        <p className="hint">{t("account.password.hint")}</p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="password" />
          <FormErrors errors={errorsFor("password")?.formErrors} />
          <TextField
            name="current"
            type="password"
            label={t("account.password.current")}
            autoComplete="current-password"
            errors={errorsFor("password")?.fieldErrors.current}
          />
          <NewPasswordField
            label={t("account.password.new")}
            errors={errorsFor("password")?.fieldErrors.password}
          />
          <TextField
            name="confirm"
            type="password"
            label={t("account.password.confirm")}
            autoComplete="new-password"
            errors={errorsFor("password")?.fieldErrors.confirm}
          />
          <button type="submit" className="button" disabled={busy("password")}>
            {busy("password") ? t("account.password.submitting") : t("account.password.submit")}
          </button>
        </Form>
      </section>

      <CalendarFeedSection feed={calendarFeed} />

      {canManage ? (
        <section className="card stack" aria-labelledby="data-heading">
          <h2 id="data-heading">{t("account.data.title")}</h2>
          <p>{t("account.data.intro")}</p>
          <p>
            <a href="/account/export" className="button button-secondary" download>
              {t("account.data.download")}
            </a>
          </p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="erase" />
            <h3>{t("account.erase.title")}</h3>
            <p className="hint">{t("account.erase.hint")}</p>
            <FormErrors errors={errorsFor("erase")?.formErrors} />
            <TextField
              name="confirm"
              id="f-erase-confirm"
              label={t("account.erase.confirm")}
              autoComplete="off"
              errors={errorsFor("erase")?.fieldErrors.confirm}
            />
            <button type="submit" className="button button-danger" disabled={busy("erase")}>
              {busy("erase") ? t("account.erase.submitting") : t("account.erase.title")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.metaTitle");
