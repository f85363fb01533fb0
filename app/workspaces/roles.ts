// The roles a member can have: the one registry of roles (the server's RoleSchema is derived from it). No zod
// here, so pages can list the roles. ROLE_LABELS are the English words (the invitation mail uses them); pages
// write ROLE_KEYS in their language, and a test keeps both the same in English.
import type { MessageKey } from "~/i18n/translate";

export const ROLE_LABELS = {
  owner: "Owner — everything, including other owners",
  admin: "Admin — all clients, members and settings",
  caseworker: "Caseworker — only the clients assigned to them",
  viewer: "Viewer — reads everything, changes nothing",
} as const;

/** The message keys of each role's words on the pages: its name (a badge) and its label (the role choices). */
export const ROLE_KEYS = {
  owner: { name: "roles.owner.name", label: "roles.owner.label" },
  admin: { name: "roles.admin.name", label: "roles.admin.label" },
  caseworker: { name: "roles.caseworker.name", label: "roles.caseworker.label" },
  viewer: { name: "roles.viewer.name", label: "roles.viewer.label" },
} as const satisfies Record<keyof typeof ROLE_LABELS, { name: MessageKey; label: MessageKey }>;

/** A role's key, for a role read from the database (an unknown one shows as a viewer's, the least). */
export const roleKeys = (role: string) => ROLE_KEYS[role as keyof typeof ROLE_KEYS] ?? ROLE_KEYS.viewer;

export const ROLES = Object.keys(ROLE_LABELS) as [keyof typeof ROLE_LABELS, ...(keyof typeof ROLE_LABELS)[]];
