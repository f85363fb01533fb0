// The API-token page's form schemas, read by its action (server only; the choices the page shows are in
// ./token-forms).
// Their messages are message keys, translated by the action.
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { EXPIRY_VALUES } from "./token-forms";

const key = (k: MessageKey) => k;

export const CreateTokenSchema = z.object({
  name: z.string().trim().min(1, key("errors.tokens.nameMissing")).max(100, key("errors.tokens.nameTooLong")),
  access: z.enum(["read", "write"], key("errors.tokens.access")),
  expires: z.enum(EXPIRY_VALUES, key("errors.tokens.expires")),
});

export const RevokeTokenSchema = z.object({ tokenId: z.string().min(1).max(40) });
