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
  const parsed = parseForm(await request.formData(), CodeSchema);
  if (!parsed.ok) return formFailure(parsed);
  const ip = context.clientIp ?? "unknown";
  // Counted before the code is checked: per account (whatever the challenge or address), per address, and
  // on this challenge (five tries).
  const attempt = takeCodeAttempt(ip, challenge.userId);
  if (!attempt.ok)
    return formFailure(tooManyAttemptsMessage(attempt), {
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
    return formFailure(
      new UserError("This code is not right, or was already used. Try the newest code.", { field: "code" }),
    );
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
  return (
    <div className="stack narrow">
      <h1>Enter your code</h1>
      <p>Open your authenticator app and enter the 6-digit code it shows for Retract.</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="code"
          label="Code"
          autoComplete="one-time-code"
          hint="Lost your phone? Enter one of your recovery codes instead."
          errors={data?.fieldErrors.code}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Checking…" : "Continue"}
        </button>
      </Form>
      <p>
        <Link to="/login">Start again</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Enter your code · Retract" }];
