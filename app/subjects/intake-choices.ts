// The client intake form's choices, in the words the caseworker reads out: plain values for the pages, and the
// one list the intake schema (./intake-schema.server) takes its enums from.

export const SAFE_CHANNELS = {
  phone: "A phone call",
  sms: "A text message",
  messenger: "A messaging app (for example Signal)",
  email: "Email",
  post: "Letters by post",
  in_person: "Only in person, at our office",
  through_someone: "Through someone they trust",
} as const;

export const OTHERS_READ = {
  no: "No, only they read it",
  yes: "Yes, someone else may read their mail or messages",
  unsure: "They are not sure",
} as const;

export const HARM_ANSWERS = {
  no: "No",
  yes: "Yes: the posts call for someone to hurt, find or threaten them",
  unsure: "Not sure yet",
} as const;

export const CONSENT_ANSWERS = {
  yes: "Yes, they want us to act for them (we will prepare a letter of authority for them to sign)",
  not_yet: "Not yet: they want to think about it",
  no: "No: they only want advice",
} as const;
