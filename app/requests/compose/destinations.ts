// Where a letter can go, in words: "Email to privacy@… — privacy requests", "Print and post (PDF) to …". Built
// from facts (the channel, its address, the directory's own label or what the channel is for) so the letter
// form says it in the page's language; the English words are the destination's `label` (compose.server.ts).
// Pure module: no server code.
import type { MessageKey, Translator } from "~/i18n/translate";
import type { channelPurposes } from "~/recipients/labels";

type ChannelPurposeWord = (typeof channelPurposes)[number];

/** What a destination is, for saying it in words. */
export type DestinationWords =
  | { via: "email" | "webform"; address: string; label: string | null; purpose: ChannelPurposeWord }
  | { via: "pdf"; address: string | null };

/** What each kind of channel is for, where the directory gives it no label of its own. */
const PURPOSE_KEYS = {
  privacy: "destinations.purpose.privacy",
  abuse: "destinations.purpose.abuse",
  copyright: "destinations.purpose.copyright",
  dsa: "destinations.purpose.dsa",
  general: "destinations.purpose.general",
} as const satisfies Record<ChannelPurposeWord, MessageKey>;

/** The destination in the words of `t`: the directory's label is its own (a proper name, kept as it is). */
export function destinationInWords(t: Translator["t"], d: DestinationWords): string {
  if (d.via === "pdf")
    return d.address ? t("destinations.postTo", { address: d.address }) : t("destinations.post");
  const what = d.label || t(PURPOSE_KEYS[d.purpose]);
  return t(d.via === "email" ? "destinations.email" : "destinations.webform", { address: d.address, what });
}
