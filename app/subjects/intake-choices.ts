// The client intake form's choices, as message keys of the words the caseworker reads out (app/i18n/locales,
// `intake.choice.*`): the pages show them with t(), and the intake schema (./intake-schema.server) takes its
// enums from these lists' keys.
import type { MessageKey } from "~/i18n/translate";

export const SAFE_CHANNELS = {
  phone: "intake.choice.safeChannel.phone",
  sms: "intake.choice.safeChannel.sms",
  messenger: "intake.choice.safeChannel.messenger",
  email: "intake.choice.safeChannel.email",
  post: "intake.choice.safeChannel.post",
  in_person: "intake.choice.safeChannel.inPerson",
  through_someone: "intake.choice.safeChannel.throughSomeone",
} as const satisfies Record<string, MessageKey>;

export const OTHERS_READ = {
  no: "intake.choice.othersRead.no",
  yes: "intake.choice.othersRead.yes",
  unsure: "intake.choice.othersRead.unsure",
} as const satisfies Record<string, MessageKey>;

export const HARM_ANSWERS = {
  no: "intake.choice.harm.no",
  yes: "intake.choice.harm.yes",
  unsure: "intake.choice.harm.unsure",
} as const satisfies Record<string, MessageKey>;

export const CONSENT_ANSWERS = {
  yes: "intake.choice.consent.yes",
  not_yet: "intake.choice.consent.notYet",
  no: "intake.choice.consent.no",
} as const satisfies Record<string, MessageKey>;
