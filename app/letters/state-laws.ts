// The US state privacy laws the `us-state-deletion` template is written for (its `sources` and LEGAL.md §1,
// rule us-state-45: Virginia, Colorado, Connecticut). Pure module: the letter form offers them as a select.
import type { z } from "zod";
import type { StateLaw } from "./variables";

export const STATE_LAWS = {
  VA: {
    state: "Virginia",
    name: "Virginia Consumer Data Protection Act",
    citation: "Va. Code § 59.1-577",
  },
  CO: {
    state: "Colorado",
    name: "Colorado Privacy Act",
    citation: "Colo. Rev. Stat. § 6-1-1306",
  },
  CT: {
    state: "Connecticut",
    name: "Connecticut Data Privacy Act",
    citation: "Conn. Gen. Stat. § 42-518",
  },
} as const satisfies Record<string, z.input<typeof StateLaw>>;

export type StateCode = keyof typeof STATE_LAWS;
export const STATE_CODES = Object.keys(STATE_LAWS) as [StateCode, ...StateCode[]];

export const STATE_LAW_OPTIONS = STATE_CODES.map((code) => ({
  value: code,
  label: `${STATE_LAWS[code].state} — ${STATE_LAWS[code].name}`,
}));
