// Against the running server: an oversized body to /login, declared or chunked, is refused
// with a 413 and a plain message while the server keeps answering others; forms within the caps still work.
import { request as httpRequest } from "node:http";
import { createAccount, expect, logIn, test, uniqueEmail } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3199);

/** Streams `total` bytes chunked (no Content-Length) to `path`; resolves with the status and text. */
function chunkedPost(path: string, total: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    let sent = 0;
    const req = httpRequest({
      host: "127.0.0.1",
      port: PORT,
      path,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      // The server closes the connection after its answer, while the body is still being sent.
      res.on("close", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", (e) => (sent > 0 ? resolve({ status: 0, text: String(e) }) : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

test("an oversized log-in body is refused with 413, declared or chunked, and others are still answered", async ({
  request,
}) => {
  const declared = await request.post("/login", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `email=a%40example.test&password=${"x".repeat(2 * 1024 * 1024)}`,
  });
  expect(declared.status()).toBe(413);
  expect(await declared.text()).toContain("This form is larger than Retract accepts (64 KB)");

  const big = chunkedPost("/login", 100 * 1024 * 1024);
  const started = Date.now();
  expect((await request.get("/login")).status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(1000);
  const r = await big;
  expect(r.status, r.text).toBe(413);
  expect(r.text).toContain("This form is larger than Retract accepts");
});

test("forms within the caps still work through the server (sign up, log out, log in)", async ({ page }) => {
  const email = uniqueEmail("body-limits");
  const password = "a long and calm passphrase";
  await createAccount(page, { name: "Bo Example", email, password });
  await page.context().clearCookies();
  await page.goto("/login");
  await logIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
});
