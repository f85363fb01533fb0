// The API-token page's forms (shared by its action and component; no server imports).
import { z } from "zod";

export const EXPIRY_OPTIONS = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never (until you revoke it)" },
] as const;

export const CreateTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, for example “Staff import script”.")
    .max(100, "The name can have at most 100 characters."),
  access: z.enum(["read", "write"], "Choose what the token may do."),
  expires: z.enum(["30", "90", "365", "never"], "Choose when the token stops working."),
});

export const RevokeTokenSchema = z.object({ tokenId: z.string().min(1).max(40) });
