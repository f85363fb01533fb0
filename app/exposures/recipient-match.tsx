// Who answers for a URL, shown in the exposure form: the server's match after a submit (works without
// JavaScript), replaced by a live look-up while the URL is typed (debounced, announced to screen readers).
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CHANNEL_KIND_LABELS, KIND_LABELS, PURPOSE_LABELS } from "~/recipients/labels";
import { type MatchLike, type RecipientView, recipientView } from "./recipient-view";

export type FormMatch = { domain: string; recipient: RecipientView | null };

type ApiAnswer = { recipient: MatchLike | null; domain: string } | { error: string };

const QUALITY_LABELS: Record<string, string> = {
  verified: "Verified",
  tested: "Tested",
  scraped: "Collected automatically",
};

/** Where "add a recipient" goes for an unknown domain: the directory's form, pre-filled with the domain. */
export const addRecipientHref = (domain: string) =>
  `/directory?add=${encodeURIComponent(domain)}#add-heading`;

export function RecipientSummary({ match, heading }: { match: FormMatch; heading?: string }) {
  const r = match.recipient;
  if (!r) {
    return (
      <div className="recipient-match">
        <p>
          No recipient is known for <strong>{match.domain}</strong> yet.{" "}
          <Link to={addRecipientHref(match.domain)}>Add a recipient for {match.domain}</Link> so letters can
          be addressed.
        </p>
      </div>
    );
  }
  return (
    <div className="recipient-match">
      <p>
        {heading ?? "Responsible:"}{" "}
        <Link to={`/directory/${encodeURIComponent(r.id)}`}>
          <strong>{r.name}</strong>
        </Link>{" "}
        <span className="muted">
          ({KIND_LABELS[r.kind]}
          {r.countries.length ? `, ${r.countries.join(", ").replace("ALL", "all countries")}` : ""})
        </span>
      </p>
      {r.parent ? (
        <p>
          {r.kind === "data_broker" ? "The data is held by " : "Run by "}
          <Link to={`/directory/${encodeURIComponent(r.parent.id)}`}>{r.parent.name}</Link>
          {r.kind === "data_broker" ? ": an opt-out there covers this site too." : "."}
        </p>
      ) : null}
      {r.channel ? (
        <p>
          Use: <strong>{PURPOSE_LABELS[r.channel.purpose]}</strong> — {CHANNEL_KIND_LABELS[r.channel.kind]}
          {r.channelOf ? ` of ${r.channelOf}` : ""}: <ChannelAddress channel={r.channel} />
        </p>
      ) : (
        <p>No channel is known: write to the site's host, and ask search engines to delist.</p>
      )}
      {r.otherChannels.length ? (
        <details>
          <summary>Other channels ({r.otherChannels.length})</summary>
          <ul>
            {r.otherChannels.map((c) => (
              <li key={`${c.kind}-${c.purpose}-${c.address}`}>
                {PURPOSE_LABELS[c.purpose]} — {CHANNEL_KIND_LABELS[c.kind]}: <ChannelAddress channel={c} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="muted">
        {r.quality ? `Directory record: ${QUALITY_LABELS[r.quality] ?? r.quality}` : "Directory record"}
        {r.verifiedOn ? `, checked ${r.verifiedOn}` : ""}.
      </p>
    </div>
  );
}

function ChannelAddress({ channel: c }: { channel: RecipientView["otherChannels"][number] }) {
  if (c.kind === "webform")
    return (
      <a href={c.address} rel="noreferrer noopener" target="_blank">
        {c.address}
      </a>
    );
  if (c.kind === "email") return <a href={`mailto:${c.address}`}>{c.address}</a>;
  return <span className="pre-line">{c.address}</span>;
}

/** A URL worth looking up: has a dot after the scheme and no spaces. */
const lookable = (v: string) => /^\S+\.\S+$/.test(v.trim().replace(/^[a-z]+:\/\//i, ""));

/**
 * Wraps the URL field: while it is typed (JavaScript on), asks the directory who answers for it, 400 ms after
 * the last key, and announces the result in a polite live region. Without JavaScript the server's `initial`
 * match (after a submit) is shown in the same place.
 */
export function UrlRecipientLookup({
  initial,
  children,
}: {
  initial?: FormMatch | null;
  children: React.ReactNode;
}) {
  const fetcher = useFetcher<ApiAnswer>();
  const [typed, setTyped] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (event: React.FormEvent<HTMLDivElement>) => {
    const input = event.target as HTMLInputElement;
    if (input.name !== "url") return;
    const value = input.value.trim();
    setTyped(value);
    clearTimeout(timer.current);
    if (!lookable(value)) return;
    timer.current = setTimeout(() => {
      fetcher.load(`/api/v1/recipients/match?include=quality&url=${encodeURIComponent(value)}`);
    }, 400);
  };

  let shown: FormMatch | null = initial ?? null;
  let message: string | null = null;
  if (typed !== null) {
    shown = null;
    const data = fetcher.data;
    if (!lookable(typed)) message = null;
    else if (fetcher.state !== "idle") message = "Looking up who is responsible…";
    else if (data && "error" in data) message = "This does not look like a web address yet.";
    else if (data)
      shown = { domain: data.domain, recipient: data.recipient ? recipientView(data.recipient) : null };
  }

  return (
    <div onInput={onInput}>
      {children}
      <div role="status" aria-live="polite" aria-label="Who is responsible" className="recipient-live">
        {shown ? <RecipientSummary match={shown} /> : message ? <p className="muted">{message}</p> : null}
      </div>
    </div>
  );
}
