// The SSRF guard of re-checks: the server fetches URLs users typed, so it must never reach its own network.
// Only public unicast addresses pass; private, loopback, link-local, unique-local, multicast, CGNAT,
// unspecified, reserved and IPv6 forms that embed an IPv4 address (mapped, 6to4, Teredo, NAT64) are refused,
// except that an IPv4-mapped address is judged by the IPv4 address inside it.
import ipaddr from "ipaddr.js";

export type GuardOptions = {
  /** Tests only: allow loopback (127.0.0.0/8, ::1). Ignored unless NODE_ENV is "test". */
  allowLoopback?: boolean;
};

/** The test-only allowance is honoured only when the process runs tests, never in production. */
export function loopbackAllowed(
  opts: GuardOptions = {},
  env: Record<string, string | undefined> = process.env,
) {
  if (env.NODE_ENV !== "test") return false;
  return opts.allowLoopback === true || env.RETRACT_RECHECK_ALLOW_LOOPBACK === "true";
}

/** Why an address is refused (its ipaddr.js range name), or null when it is a public unicast address. */
export function blockedReason(ip: string, opts: GuardOptions = {}): string | null {
  if (!ipaddr.isValid(ip)) return "invalid";
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === "unicast") return null;
  if (range === "loopback" && loopbackAllowed(opts)) return null;
  return range;
}

export function isBlocked(ip: string, opts: GuardOptions = {}) {
  return blockedReason(ip, opts) !== null;
}

/** Onion services are never fetched: no clearnet route, and trying would leak the address to DNS. */
export function isOnion(hostname: string) {
  return hostname.toLowerCase().replace(/\.$/, "").endsWith(".onion");
}
