import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { completeLogin } from "~/auth/login.server";
import { codeAttemptSucceeded, takeCodeAttempt, tooManyAttemptsMessage } from "~/auth/rate-limit.server";
import { getCurrentSession } from "~/auth/session.server";
import {
  challengeTriesLeft,
  endChallenge,
  readChallenge,
  takeChallengeAttempt,
  verifySecondFactor,
} from "~/auth/two-factor.server";
import { CodeSchema } from "~/auth/two-factor-schemas.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { FormErrors, TextField } from "~/ui/forms";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) throw redirect("/");
  if (!(await readChallenge(request))) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const challenge = await readChallenge(request);
  if (!challenge) throw redirect("/login");
  const translator = await getTranslator(request);
  const { t } = translator;
  const parsed = parseForm(await request.formData(), CodeSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const ip = context.clientIp ?? "unknown";
  // Counted before the code is checked: per account (whatever the challenge or address), per address, and
  // on this challenge (five tries).
  const attempt = takeCodeAttempt(ip, challenge.userId);
  if (!attempt.ok)
    return formFailure(tooManyAttemptsMessage(t, attempt), {
      status: 429,
      headers: { "Retry-After": String(attempt.retryAfter) },
    });
  if (!takeChallengeAttempt(challenge.tokenHash)) throw redirect("/login");
  const how = await verifySecondFactor(challenge.userId, parsed.data.code);
  if (!how) {
    audit({
      action: "two_factor.login_failed",
      actorUserId: challenge.userId,
      targetType: "user",
      targetId: challenge.userId,
    });
    if (challengeTriesLeft(challenge.tokenHash) === 0) throw redirect("/login");
    return formFailure(new UserError(t("errors.auth.loginCodeWrong"), { field: "code" }));
  }
  codeAttemptSucceeded(ip, challenge.userId);
  audit({
    action: how === "recovery" ? "two_factor.recovery_used" : "two_factor.login",
    actorUserId: challenge.userId,
    targetType: "user",
    targetId: challenge.userId,
  });
  const clear = await endChallenge(challenge.tokenHash);
  return completeLogin(request, challenge.userId, challenge.redirectTo, [["Set-Cookie", clear]]);
}

export default function TwoFactorLogin() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("auth.twoFactorLogin.title")}</h1>
      <p>{t("auth.twoFactorLogin.intro")}</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="code"
          label={t("auth.field.code")}
          autoComplete="one-time-code"
          hint={t("auth.twoFactorLogin.hint")}
          errors={data?.fieldErrors.code}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.checking") : t("auth.continue")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("auth.startAgain")}</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.twoFactorLogin.title");
