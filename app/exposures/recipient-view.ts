// The matched recipient as the exposure form shows it: who it is, the one channel to use first (and its
// purpose), the rest, and the parent for a front site. Pure and shared by the server (no-JS pages) and the
// browser (the live look-up as the URL is typed).
import type { ChannelKind, ChannelPurpose, Quality, RecipientKind } from "~/recipients/model.server";

type Channel = { kind: ChannelKind; purpose: ChannelPurpose; address: string };

/** What both the directory's match and the JSON API give (quality only with `include=quality`). */
export type MatchLike = {
  id: string;
  name: string;
  kind: RecipientKind;
  countries: string[];
  channels: Channel[];
  quality?: Quality | null;
  verifiedOn?: string | null;
  parent: MatchLike | null;
};

export type RecipientView = {
  id: string;
  name: string;
  kind: RecipientKind;
  countries: string[];
  quality: Quality | null;
  verifiedOn: string | null;
  /** The channel to use first: the site's own, else the one of the parent that holds the data. */
  channel: Channel | null;
  /** The parent's name when `channel` is the parent's. */
  channelOf: string | null;
  otherChannels: Channel[];
  parent: { id: string; name: string; kind: RecipientKind } | null;
};

/**
 * Which purpose to use first. Platforms: their privacy (doxxing) form where they have one, else the abuse
 * report (docs/legal.md §2: X, Meta, YouTube, TikTok → privacy forms; Telegram, Pastebin → report abuse).
 * Hosts: the abuse desk. Everyone else: the privacy contact.
 */
const PREFERENCE: Record<RecipientKind, ChannelPurpose[]> = {
  platform: ["privacy", "abuse", "dsa", "general", "copyright"],
  host: ["abuse", "privacy", "dsa", "general", "copyright"],
  search_engine: ["privacy", "abuse", "dsa", "general", "copyright"],
  data_broker: ["privacy", "general", "abuse", "dsa", "copyright"],
  company: ["privacy", "general", "abuse", "dsa", "copyright"],
  regulator: ["general", "privacy", "abuse", "dsa", "copyright"],
};

export function recipientView(r: MatchLike): RecipientView {
  const own = r.channels.length > 0 || !r.parent;
  const holder = own ? r : r.parent!;
  const order = PREFERENCE[holder.kind];
  // A stable sort keeps the directory's own order within one purpose (its best address first).
  const sorted = [...holder.channels].sort((a, b) => order.indexOf(a.purpose) - order.indexOf(b.purpose));
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    countries: r.countries,
    quality: r.quality ?? null,
    verifiedOn: r.verifiedOn ?? null,
    channel: sorted[0] ?? null,
    channelOf: own ? null : holder.name,
    otherChannels: sorted.slice(1),
    parent: r.parent ? { id: r.parent.id, name: r.parent.name, kind: r.parent.kind } : null,
  };
}
