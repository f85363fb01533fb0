import { afterEach, describe, expect, it, vi } from "vitest";
import { guardedFetch } from "./fetch.server";
import { blockedReason, isBlocked, isOnion, loopbackAllowed } from "./guard";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("SSRF guard: literal addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.254", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["169.254.0.1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
  ])("refuses %s (%s)", (ip, range) => {
    expect(blockedReason(ip)).toBe(range);
  });

  it.each(["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.215.14"])("allows %s", (ip) => {
    expect(isBlocked(ip)).toBe(false);
  });

  it("onion hosts are recognised", () => {
    expect(isOnion("abcdefghijklmnop.onion")).toBe(true);
    expect(isOnion("example.org")).toBe(false);
  });
});

describe("the test-only allowance", () => {
  it("is honoured only when NODE_ENV is test, and only for loopback", () => {
    expect(loopbackAllowed({ allowLoopback: true }, { NODE_ENV: "test" })).toBe(true);
    expect(loopbackAllowed({ allowLoopback: true }, { NODE_ENV: "production" })).toBe(false);
    expect(loopbackAllowed({}, { NODE_ENV: "production", RETRACT_RECHECK_ALLOW_LOOPBACK: "true" })).toBe(
      false,
    );
    expect(loopbackAllowed({}, { NODE_ENV: "development", RETRACT_RECHECK_ALLOW_LOOPBACK: "true" })).toBe(
      false,
    );
    expect(isBlocked("127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(isBlocked("10.0.0.1", { allowLoopback: true })).toBe(true);
    expect(isBlocked("169.254.169.254", { allowLoopback: true })).toBe(true);
  });
});

describe("guarded fetch in production mode", () => {
  it.each([
    "http://127.0.0.1:9/",
    "http://10.0.0.1/",
    "http://10.20.30.40:8080/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
  ])("refuses %s before connecting, even when the test allowance is asked for", async (url) => {
    vi.stubEnv("NODE_ENV", "production");
    const r = await guardedFetch(url, { allowLoopback: true, timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe("blocked_address");
  });

  it("refuses a hostname that resolves to 127.0.0.1 (localhost), checked at connection time", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const r = await guardedFetch("http://localhost:9/", { allowLoopback: true, timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe("blocked_address");
  });

  it("never fetches onion addresses or other schemes", async () => {
    const onion = await guardedFetch("http://expyuzz4wqqyqhjn.onion/x");
    expect(onion.ok === false && onion.error).toBe("onion");
    const file = await guardedFetch("file:///etc/passwd");
    expect(file.ok === false && file.error).toBe("bad_url");
  });
});
