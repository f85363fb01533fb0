// Where to go after logging in, kept out of the address bar: a page that needs a session
// sends the browser to /login?redirectTo=/cases/…, and that address would stay in the browser's history for
// anyone who looks at it. The log-in page moves the target into a short-lived, log-in-only cookie and
// answers with a redirect to plain /login, so history holds only /login; quick exit deletes the cookie.
import { createCookie, redirect } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getKeyring } from "~/security/crypto.server";
import { safeRedirect } from "./session.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function returnToCookie() {
  cookie ??= createCookie("retract_return", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/login",
    secrets: [getKeyring().sessionSecret],
    maxAge: 15 * 60,
  });
  return cookie;
}

/** On /login?redirectTo=…: throws a redirect to the same page without it, remembering the target in a cookie. */
export async function moveReturnToIntoCookie(request: Request) {
  const url = new URL(request.url);
  const target = url.searchParams.get("redirectTo");
  if (target === null) return;
  url.searchParams.delete("redirectTo");
  url.searchParams.delete("_routes"); // single fetch's own parameter, not part of the page's address
  const headers = new Headers();
  const safe = safeRedirect(target, "");
  if (safe) headers.append("Set-Cookie", await returnToCookie().serialize(safe));
  throw redirect(`${url.pathname}${url.search}`, { headers });
}

/** The remembered target (a same-site path), or null. */
export async function readReturnTo(request: Request): Promise<string | null> {
  const value: unknown = await returnToCookie().parse(request.headers.get("Cookie"));
  const safe = safeRedirect(typeof value === "string" ? value : null, "");
  return safe || null;
}

/** A Set-Cookie header that forgets the target. */
export async function forgetReturnTo() {
  return returnToCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
