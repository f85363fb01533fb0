// What the letter form needs to keep the sender safe: whether the recipient is the one showing the content
// (so the home-address choice carries a warning), read from the directory as this workspace sees it.
import { getRecipient } from "~/recipients/directory.server";
import { showsTheContent } from "./sender-safety";

export function recipientShowsContent(workspaceId: string, recipientId: string | null): boolean {
  const kind = recipientId ? getRecipient({ workspaceId }, recipientId)?.effective.kind : null;
  return showsTheContent(kind);
}
