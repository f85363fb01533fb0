// The US state privacy laws the `us-state-deletion` template is written for (its `sources` and docs/legal.md §1,
// rule us-state-45: Virginia, Colorado, Connecticut and similar state laws), each with the Attorney General who
// enforces it (the letter's escalation). Only laws whose right to delete covers data "obtained about" the
// person, not only data they gave the business (Utah's and Iowa's do not, so they are not here), and that answer
// in 45 days with a 45-day extension. Pure module: the letter form offers them as a select, the routing reads
// them by the subject's state.
import type { StateLaw } from "./variables";

export const STATE_LAWS = {
  VA: {
    state: "Virginia",
    name: "Virginia Consumer Data Protection Act",
    citation: "Va. Code § 59.1-577",
    authority: "Attorney General of Virginia",
  },
  CO: {
    state: "Colorado",
    name: "Colorado Privacy Act",
    citation: "Colo. Rev. Stat. § 6-1-1306",
    authority: "Colorado Attorney General",
  },
  CT: {
    state: "Connecticut",
    name: "Connecticut Data Privacy Act",
    citation: "Conn. Gen. Stat. § 42-518",
    authority: "Connecticut Attorney General",
  },
  TX: {
    state: "Texas",
    name: "Texas Data Privacy and Security Act",
    citation: "Tex. Bus. & Com. Code § 541.051",
    authority: "Texas Attorney General",
  },
  OR: {
    state: "Oregon",
    name: "Oregon Consumer Privacy Act",
    citation: "Or. Rev. Stat. § 646A.574",
    authority: "Oregon Attorney General",
  },
  MT: {
    state: "Montana",
    name: "Montana Consumer Data Privacy Act",
    citation: "Mont. Code Ann. § 30-14-2808",
    authority: "Montana Attorney General",
  },
} as const satisfies Record<string, StateLaw>;

export type StateCode = keyof typeof STATE_LAWS;
export const STATE_CODES = Object.keys(STATE_LAWS) as [StateCode, ...StateCode[]];

/** The law of the person's state, if Retract writes letters under it ("VA"; California has its own letter). */
export function stateLawOf(region: string | null | undefined) {
  const code = region?.toUpperCase() ?? "";
  return code in STATE_LAWS ? { code: code as StateCode, ...STATE_LAWS[code as StateCode] } : null;
}

export const STATE_LAW_OPTIONS = STATE_CODES.map((code) => ({
  value: code,
  label: `${STATE_LAWS[code].state} — ${STATE_LAWS[code].name}`,
}));
