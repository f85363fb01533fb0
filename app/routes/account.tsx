import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  ChangePasswordSchema,
  EraseSchema,
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
import { getTranslator } from "~/i18n/locale.server";
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
  if (intent === "revoke") {
    const parsed = parseForm(form, RevokeSessionSchema);
    if (!parsed.ok) return fail(intent, "Choose a session to log out.");
    try {
      if (!revokeSession(session, parsed.data.session))
        return fail(intent, "That session has already ended.", 404);
    } catch (e) {
      if (e instanceof SessionError) return fail(intent, e);
      throw e;
    }
    return redirect("/account?revoked=1");
  }
  if (intent === "revoke-others") {
    if (!parseForm(form, RevokeOthersSchema).ok) return fail(intent, "This form is not complete.");
    revokeOtherSessions(session);
    return redirect("/account?revoked=others");
  }
  if (intent === "password") {
    const parsed = parseForm(form, ChangePasswordSchema);
    // Its new password's messages are keys (app/auth/schemas.ts); the page's own are English still.
    const translator = await getTranslator(request);
    if (!parsed.ok) return fail(intent, translateFailure(translator, parsed));
    // Someone holding a stolen session must not be able to guess the password at leisure.
    const limitKey = `password-change:${session.userId}`;
    const ip = context.clientIp ?? "unknown";
    const attempt = takePasswordAttempt(ip, limitKey);
    if (!attempt.ok) return fail(intent, tooManyAttemptsMessage(translator.t, attempt), 429);
    if (!(await changePassword(session, parsed.data.current, parsed.data.password)))
      return fail(intent, new UserError("Your current password is not right.", { field: "current" }));
    passwordAttemptSucceeded(ip, limitKey);
    return redirect("/account?password=changed");
  }
  if (intent === "erase") {
    requirePermission(session, "workspace:manage");
    const parsed = parseForm(form, EraseSchema);
    if (!parsed.ok) return fail(intent, parsed);
    eraseWorkspaceData(session);
    return redirect("/account?erased=1");
  }
  return fail(intent, "This form is not known here. Reload the page and try again.");
}

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });

export default function AccountPage() {
  const { sessions, canManage, calendarFeed } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = (intent: string) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errorsFor = (intent: string) => (data?.intent === intent ? data : undefined);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="stack medium">
      <h1>Your account</h1>
      {params.get("revoked") ? (
        <p className="notice notice-ok" role="status">
          {params.get("revoked") === "others"
            ? "Every other device was logged out."
            : "That device was logged out."}
        </p>
      ) : null}
      {params.get("erased") ? (
        <p className="notice notice-ok" role="status">
          Every case in this workspace was erased.
        </p>
      ) : null}
      {params.get("password") ? (
        <p className="notice notice-ok" role="status">
          Your password was changed and every other device was logged out.
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are logged in</h2>
        <p className="hint">
          If you see a device you do not recognise, log it out and change your password. Times are in UTC.
        </p>
        <FormErrors errors={errorsFor("revoke")?.formErrors ?? errorsFor("revoke-others")?.formErrors} />
        <ul className="list" aria-label="Active sessions">
          {sessions.map((s) => (
            <li key={s.id} className="list-item spread">
              <div>
                <h3>
                  {s.device} {s.current ? <span className="badge badge-open">This device</span> : null}
                </h3>
                <p className="meta-row muted">
                  <span>Logged in {when(s.createdAt)}</span>
                  <span>Last used {when(s.lastUsedAt)}</span>
                </p>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="session" value={s.id} />
                  <button type="submit" className="button button-secondary" disabled={busy("revoke")}>
                    Log out
                    <span className="visually-hidden">
                      {" "}
                      {s.device}, last used {when(s.lastUsedAt)}
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
              {busy("revoke-others") ? "Logging out…" : "Log out all other devices"}
            </button>
          </Form>
        ) : (
          <p className="muted">You are not logged in anywhere else.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <p className="hint">Changing it logs out every other device.</p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="password" />
          <FormErrors errors={errorsFor("password")?.formErrors} />
          <TextField
            name="current"
            type="password"
            label="Current password"
            autoComplete="current-password"
            errors={errorsFor("password")?.fieldErrors.current}
          />
          <NewPasswordField label="New password" errors={errorsFor("password")?.fieldErrors.password} />
          <TextField
            name="confirm"
            type="password"
            label="New password again"
            autoComplete="new-password"
            errors={errorsFor("password")?.fieldErrors.confirm}
          />
          <button type="submit" className="button" disabled={busy("password")}>
            {busy("password") ? "Changing…" : "Change password"}
          </button>
        </Form>
      </section>

      <CalendarFeedSection feed={calendarFeed} />

      {canManage ? (
        <section className="card stack" aria-labelledby="data-heading">
          <h2 id="data-heading">Your data</h2>
          <p>
            Download everything in this workspace: the records as JSON, every evidence file and each letter as
            sent, with a list of SHA-256 fingerprints to show nothing was changed.
          </p>
          <p>
            <a href="/account/export" className="button button-secondary" download>
              Download everything (ZIP)
            </a>
          </p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="erase" />
            <h3>Erase every case</h3>
            <p className="hint">
              This removes every person, case, exposure, evidence file and letter in this workspace for good.
              Your account stays. The activity log keeps only that an erasure happened.
            </p>
            <FormErrors errors={errorsFor("erase")?.formErrors} />
            <TextField
              name="confirm"
              id="f-erase-confirm"
              label="Type ERASE to confirm"
              autoComplete="off"
              errors={errorsFor("erase")?.fieldErrors.confirm}
            />
            <button type="submit" className="button button-danger" disabled={busy("erase")}>
              {busy("erase") ? "Erasing…" : "Erase every case"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Account · Retract" }];
