// The roles a member can have, with the words the members page shows for each: the one registry of roles
// (the server's RoleSchema is derived from it). No zod here, so pages can list the roles.

export const ROLE_LABELS = {
  owner: "Owner — everything, including other owners",
  admin: "Admin — all clients, members and settings",
  caseworker: "Caseworker — only the clients assigned to them",
  viewer: "Viewer — reads everything, changes nothing",
} as const;

export const ROLES = Object.keys(ROLE_LABELS) as [keyof typeof ROLE_LABELS, ...(keyof typeof ROLE_LABELS)[]];
