// Which legal entity a letter names (decision 054). A directory record has one `legalEntity`: the one that
// answers people outside the EEA (X Corp., Google LLC, Meta Platforms, Inc.). Where the platform names another
// entity as controller / provider for people in the EEA (Twitter International Unlimited Company, Google
// Ireland Limited…), the record carries it as `extra.eea`, and GDPR and DSA letters go to it. Those letters
// are offered only to people the EEA entity answers for (see ./regimes), so the regime alone decides.
import { z } from "zod";
import type { Channel } from "./model.server";

export const eeaEntitySchema = z.object({
  legalEntity: z.string().trim().min(1),
  /** Its postal address, only where a source states it (blank rather than guessed). */
  address: z.string().trim().min(1).optional(),
});
export type EeaEntity = z.infer<typeof eeaEntitySchema>;

/** The regimes whose letters go to the EEA entity. */
export const EEA_ENTITY_REGIMES: readonly string[] = ["gdpr", "dsa"];

export function eeaEntityOf(extra: Record<string, unknown> | null | undefined): EeaEntity | null {
  const parsed = eeaEntitySchema.safeParse(extra?.eea);
  return parsed.success ? parsed.data : null;
}

type Entityish = {
  effective: { name: string; legalEntity: string | null; address: string | null };
  extra: Record<string, unknown> | null;
};

/** The entity a letter under `regime` is addressed to, and its address where known. */
export function entityFor(r: Entityish, regime: string): { legalEntity: string; address: string | null } {
  const eea = EEA_ENTITY_REGIMES.includes(regime) ? eeaEntityOf(r.extra) : null;
  if (eea) return { legalEntity: eea.legalEntity, address: eea.address ?? null };
  return { legalEntity: r.effective.legalEntity ?? r.effective.name, address: r.effective.address };
}

/**
 * The postal channel for a letter under `regime`: the one written to its entity (an address whose first line
 * is the entity's name), else one not written to the other entity, else none.
 */
export function postalFor(r: Entityish, channels: readonly Channel[], regime: string): string | null {
  const postal = channels.filter((c) => c.kind === "postal").map((c) => c.address);
  const eea = eeaEntityOf(r.extra);
  if (!eea) return postal[0] ?? null;
  const firstLine = (a: string) => a.split("\n")[0]!.trim();
  const own = entityFor(r, regime).legalEntity;
  return (
    postal.find((a) => firstLine(a) === own) ??
    (EEA_ENTITY_REGIMES.includes(regime)
      ? (eea.address ?? null)
      : (postal.find((a) => firstLine(a) !== eea.legalEntity) ?? null))
  );
}
