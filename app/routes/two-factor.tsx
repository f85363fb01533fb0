import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { codeAttemptSucceeded, takeCodeAttempt, tooManyAttemptsMessage } from "~/auth/rate-limit.server";
import { getCurrentSession } from "~/auth/session.server";
import {
  beginSetup,
  confirmSetup,
  disableTwoFactor,
  isTwoFactorEnabled,
  remainingRecoveryCodes,
} from "~/auth/two-factor.server";
import { ConfirmSchema, DisableSchema, TwoFactorIntentSchema } from "~/auth/two-factor-schemas.server";
import { getUserProfile } from "~/auth/users.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { FormErrors, TextField } from "~/ui/forms";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";

// Not requireScope: a member whose organisation requires two-factor is sent here and must get in.
async function requireUser(request: Request) {
  const session = await getCurrentSession(request);
  if (!session) throw redirect("/login?redirectTo=%2Ftwo-factor");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  if (isTwoFactorEnabled(session.userId)) {
    return { enabled: true as const, remaining: remainingRecoveryCodes(session.userId) };
  }
  const profile = getUserProfile(session.userId);
  const setup = await beginSetup(session.userId, profile?.email ?? "account");
  return { enabled: false as const, secret: setup.secret, qrDataUri: setup.qrDataUri };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const translator = await getTranslator(request);
  const { t } = translator;
  const form = await request.formData();
  const intent = parseForm(form, TwoFactorIntentSchema);
  if (!intent.ok) return formFailure(intent);
  if (intent.data.intent === "confirm") {
    const parsed = parseForm(form, ConfirmSchema);
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
    const codes = await confirmSetup(session.userId, parsed.data.code, session.workspaceId);
    if (!codes) return formFailure(new UserError(t("errors.auth.setupCodeWrong"), { field: "code" }));
    return { ok: true as const, recoveryCodes: codes };
  }
  const parsed = parseForm(form, DisableSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  // Someone holding a stolen session must not guess codes to turn two-factor off: the same per-account code
  // limit as the log-in step, counted before the code is checked.
  const ip = context.clientIp ?? "unknown";
  const attempt = takeCodeAttempt(ip, session.userId);
  if (!attempt.ok)
    return formFailure(tooManyAttemptsMessage(t, attempt), {
      status: 429,
      headers: { "Retry-After": String(attempt.retryAfter) },
    });
  if (!(await disableTwoFactor(session.userId, parsed.data.code, session.workspaceId)))
    return formFailure(new UserError(t("errors.auth.codeWrongOrUsed"), { field: "code" }));
  codeAttemptSucceeded(ip, session.userId);
  return redirect("/two-factor?disabled=1");
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useT();
  return (
    <div className="stack">
      <h1>{t("auth.twoFactor.codes.title")}</h1>
      <div className="notice notice-warn" role="status">
        <p>{t("auth.twoFactor.codes.save")}</p>
      </div>
      <ul className="list mono recovery-codes" aria-label={t("auth.twoFactor.codes.label")}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <Link to="/" className="button">
          {t("auth.twoFactor.codes.saved")}
        </Link>
      </p>
    </div>
  );
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, rich } = useT();
  if (result?.ok) return <RecoveryCodes codes={result.recoveryCodes} />;
  const errors = result && !result.ok ? result : undefined;
  if (data.enabled) {
    return (
      <div className="stack medium">
        <h1>{t("auth.twoFactor.title")}</h1>
        <p className="notice notice-ok">{t("auth.twoFactor.on", { remaining: data.remaining })}</p>
        <Form method="post" className="card" noValidate>
          <h2>{t("auth.twoFactor.off.title")}</h2>
          <input type="hidden" name="intent" value="disable" />
          <TextField
            name="code"
            label={t("auth.twoFactor.off.code")}
            autoComplete="one-time-code"
            errors={errors?.fieldErrors.code}
          />
          <button type="submit" className="button button-danger" disabled={busy}>
            {t("auth.twoFactor.off.submit")}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="stack medium">
      <h1>{t("auth.twoFactor.setup.title")}</h1>
      {params.get("required") ? (
        <p className="notice notice-warn" role="status">
          {t("auth.twoFactor.setup.required")}
        </p>
      ) : null}
      {params.get("disabled") ? (
        <p className="notice notice-ok" role="status">
          {t("auth.twoFactor.setup.disabled")}
        </p>
      ) : null}
      <p>{t("auth.twoFactor.setup.intro")}</p>
      <div className="card stack">
        <h2>{t("auth.twoFactor.setup.scan")}</h2>
        <img className="qr-code" src={data.qrDataUri} alt={t("auth.twoFactor.setup.qrAlt")} />
        <p>
          {rich("auth.twoFactor.setup.key", {
            secret: data.secret,
            key: (chunks) => (
              <code key="secret" className="mono secret-key">
                {chunks}
              </code>
            ),
          })}
        </p>
      </div>
      <Form method="post" className="card" noValidate>
        <h2>{t("auth.twoFactor.setup.enter")}</h2>
        <FormErrors errors={errors?.formErrors} />
        <input type="hidden" name="intent" value="confirm" />
        <TextField
          name="code"
          label={t("auth.field.code")}
          autoComplete="one-time-code"
          errors={errors?.fieldErrors.code}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.checking") : t("auth.twoFactor.setup.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.twoFactor.title");
