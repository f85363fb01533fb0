// The API-token page's form schemas, read by its action (server only; the choices the page shows are in
// ./token-forms).
import { z } from "zod";
import { EXPIRY_VALUES } from "./token-forms";

export const CreateTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, for example “Staff import script”.")
    .max(100, "The name can have at most 100 characters."),
  access: z.enum(["read", "write"], "Choose what the token may do."),
  expires: z.enum(EXPIRY_VALUES, "Choose when the token stops working."),
});

export const RevokeTokenSchema = z.object({ tokenId: z.string().min(1).max(40) });
