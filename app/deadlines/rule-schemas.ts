// zod schemas for rule ids and platform variants, apart from ./rules so pages that show the rules don't ship zod.
import { z } from "zod";
import { PLATFORM_VARIANTS, RULE_IDS } from "./rules";

export const ruleIdSchema = z.enum(RULE_IDS);
export const platformVariantSchema = z.enum(PLATFORM_VARIANTS);
