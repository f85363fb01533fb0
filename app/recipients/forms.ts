// What the directory's pages show of its forms: a record's channels as the
// lines the form edits. No zod here: the form and query schemas are in ./forms.server.
import type { Channel } from "./model.server";

export type { SearchParams } from "./forms.server";

export function formatChannelLines(channels: readonly Channel[]): string {
  return channels
    .map((c) => [c.kind, c.purpose, c.address.replace(/\n/g, " / "), c.label].filter(Boolean).join(", "))
    .join("\n");
}
