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
  const form = await request.formData();
  const intent = parseForm(form, TwoFactorIntentSchema);
  if (!intent.ok) return formFailure(intent);
  if (intent.data.intent === "confirm") {
    const parsed = parseForm(form, ConfirmSchema);
    if (!parsed.ok) return formFailure(parsed);
    const codes = await confirmSetup(session.userId, parsed.data.code, session.workspaceId);
    if (!codes)
      return formFailure(
        new UserError("This code is not right. Enter the newest code from the app.", { field: "code" }),
      );
    return { ok: true as const, recoveryCodes: codes };
  }
  const parsed = parseForm(form, DisableSchema);
  if (!parsed.ok) return formFailure(parsed);
  // Someone holding a stolen session must not guess codes to turn two-factor off: the same per-account code
  // limit as the log-in step, counted before the code is checked.
  const ip = context.clientIp ?? "unknown";
  const attempt = takeCodeAttempt(ip, session.userId);
  if (!attempt.ok)
    return formFailure(tooManyAttemptsMessage(attempt), {
      status: 429,
      headers: { "Retry-After": String(attempt.retryAfter) },
    });
  if (!(await disableTwoFactor(session.userId, parsed.data.code, session.workspaceId)))
    return formFailure(new UserError("This code is not right, or was already used.", { field: "code" }));
  codeAttemptSucceeded(ip, session.userId);
  return redirect("/two-factor?disabled=1");
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="stack">
      <h1>Two-factor authentication is on</h1>
      <div className="notice notice-warn" role="status">
        <p>
          Save these recovery codes somewhere safe, such as a password manager. Each works once, if you lose
          your phone. They will not be shown again.
        </p>
      </div>
      <ul className="list mono recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p>
        <Link to="/" className="button">
          I have saved them
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
  if (result?.ok) return <RecoveryCodes codes={result.recoveryCodes} />;
  const errors = result && !result.ok ? result : undefined;
  if (data.enabled) {
    return (
      <div className="stack medium">
        <h1>Two-factor authentication</h1>
        <p className="notice notice-ok">
          On. You enter a code from your authenticator app after your password. {data.remaining} of 10
          recovery codes left.
        </p>
        <Form method="post" className="card" noValidate>
          <h2>Turn it off</h2>
          <input type="hidden" name="intent" value="disable" />
          <TextField
            name="code"
            label="Current code or a recovery code"
            autoComplete="one-time-code"
            errors={errors?.fieldErrors.code}
          />
          <button type="submit" className="button button-danger" disabled={busy}>
            Turn off two-factor
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="stack medium">
      <h1>Set up two-factor authentication</h1>
      {params.get("required") ? (
        <p className="notice notice-warn" role="status">
          Your organisation asks every member to use two-factor authentication. Set it up to continue.
        </p>
      ) : null}
      {params.get("disabled") ? (
        <p className="notice notice-ok" role="status">
          Two-factor authentication is off.
        </p>
      ) : null}
      <p>
        After your password, Retract will ask for a 6-digit code from an authenticator app on your phone (for
        example Aegis, FreeOTP or your password manager). Someone who learns your password still cannot get
        in.
      </p>
      <div className="card stack">
        <h2>1. Scan this code with the app</h2>
        <img
          className="qr-code"
          src={data.qrDataUri}
          alt="QR code to add Retract to your authenticator app"
        />
        <p>
          Or type this key into the app: <code className="mono secret-key">{data.secret}</code>
        </p>
      </div>
      <Form method="post" className="card" noValidate>
        <h2>2. Enter the code the app shows</h2>
        <FormErrors errors={errors?.formErrors} />
        <input type="hidden" name="intent" value="confirm" />
        <TextField name="code" label="Code" autoComplete="one-time-code" errors={errors?.fieldErrors.code} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Checking…" : "Turn on two-factor"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Two-factor authentication · Retract" }];
