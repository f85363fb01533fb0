// What the directory's pages show of its forms: the labels (from ./labels) and a record's channels as the
// lines the form edits. No zod here: the form and query schemas are in ./forms.server.
import type { Channel } from "./model.server";

export type { SearchParams } from "./forms.server";
export { CHANNEL_KIND_LABELS, KIND_LABELS, PURPOSE_LABELS } from "./labels";

export function formatChannelLines(channels: readonly Channel[]): string {
  return channels
    .map((c) => [c.kind, c.purpose, c.address.replace(/\n/g, " / "), c.label].filter(Boolean).join(", "))
    .join("\n");
}
