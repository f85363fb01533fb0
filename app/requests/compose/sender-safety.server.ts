// What the letter form needs to keep the sender safe: whether the recipient is the one showing the content
// (so the home-address choice carries a warning), read from the directory as this workspace sees it.
import { getDb } from "~/db.server";
import { getRecipient } from "~/recipients/directory.server";
import { showsTheContent } from "./sender-safety";

export function recipientShowsContent(workspaceId: string, recipientId: string | null): boolean {
  const kind = recipientId ? getRecipient(getDb(), recipientId, workspaceId)?.effective.kind : null;
  return showsTheContent(kind);
}
