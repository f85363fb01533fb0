// Who answers for a URL, shown in the exposure form: the server's match after a submit (works without
// JavaScript), replaced by a live look-up while the URL is typed (debounced, announced to screen readers).
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey } from "~/i18n/translate";
import { CHANNEL_KIND_MESSAGES, KIND_MESSAGES, PURPOSE_MESSAGES } from "~/recipients/labels";
import type { Quality } from "~/recipients/model.server";
import { type MatchLike, type RecipientView, recipientView } from "./recipient-view";

export type FormMatch = { domain: string; recipient: RecipientView | null };

type ApiAnswer = { recipient: MatchLike | null; domain: string } | { error: string };

const QUALITY_LABELS = {
  verified: "exposure.recipient.quality.verified",
  tested: "exposure.recipient.quality.tested",
  scraped: "exposure.recipient.quality.scraped",
} as const satisfies Record<Quality, MessageKey>;

/** Where "add a recipient" goes for an unknown domain: the directory's form, pre-filled with the domain. */
export const addRecipientHref = (domain: string) =>
  `/directory?add=${encodeURIComponent(domain)}#add-heading`;

/** `heading`: the words before the recipient's name (default "Responsible:"), already in the page language. */
export function RecipientSummary({ match, heading }: { match: FormMatch; heading?: string }) {
  const { t, rich } = useT();
  const r = match.recipient;
  if (!r) {
    return (
      <div className="recipient-match">
        <p>
          {rich("exposure.recipient.unknown", {
            domain: match.domain,
            strong: (chunks) => <strong key="domain">{chunks}</strong>,
            link: (chunks) => (
              <Link key="add" to={addRecipientHref(match.domain)}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }
  const kind = t(KIND_MESSAGES[r.kind]);
  const countries = r.countries
    .map((c) => (c === "ALL" ? t("exposure.recipient.allCountries") : c))
    .join(", ");
  const parentLink = r.parent
    ? (chunks: React.ReactNode[]) => (
        <Link key="parent" to={`/directory/${encodeURIComponent(r.parent?.id ?? "")}`}>
          {chunks}
        </Link>
      )
    : undefined;
  const strong = (chunks: React.ReactNode[]) => <strong key="purpose">{chunks}</strong>;
  const quality = r.quality ? t(QUALITY_LABELS[r.quality]) : null;
  return (
    <div className="recipient-match">
      <p>
        {heading ?? t("exposure.recipient.responsible")}{" "}
        <Link to={`/directory/${encodeURIComponent(r.id)}`}>
          <strong>{r.name}</strong>
        </Link>{" "}
        <span className="muted">
          {countries
            ? t("exposure.recipient.kindIn", { kind, countries })
            : t("exposure.recipient.kind", { kind })}
        </span>
      </p>
      {r.parent ? (
        <p>
          {rich(r.kind === "data_broker" ? "exposure.recipient.heldBy" : "exposure.recipient.runBy", {
            name: r.parent.name,
            link: parentLink,
          })}
        </p>
      ) : null}
      {r.channel ? (
        <p>
          {rich(r.channelOf ? "exposure.recipient.useOf" : "exposure.recipient.use", {
            purpose: t(PURPOSE_MESSAGES[r.channel.purpose]),
            channel: t(CHANNEL_KIND_MESSAGES[r.channel.kind]),
            ...(r.channelOf ? { owner: r.channelOf } : {}),
            address: <ChannelAddress key="address" channel={r.channel} />,
            strong,
          })}
        </p>
      ) : (
        <p>{t("exposure.recipient.noChannel")}</p>
      )}
      {r.otherChannels.length ? (
        <details>
          <summary>{t("exposure.recipient.otherChannels", { count: r.otherChannels.length })}</summary>
          <ul>
            {r.otherChannels.map((c) => (
              <li key={`${c.kind}-${c.purpose}-${c.address}`}>
                {rich("exposure.recipient.otherChannel", {
                  purpose: t(PURPOSE_MESSAGES[c.purpose]),
                  channel: t(CHANNEL_KIND_MESSAGES[c.kind]),
                  address: <ChannelAddress key="address" channel={c} />,
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="muted">
        {quality
          ? r.verifiedOn
            ? t("exposure.recipient.recordQualityChecked", { quality, on: r.verifiedOn })
            : t("exposure.recipient.recordQuality", { quality })
          : r.verifiedOn
            ? t("exposure.recipient.recordChecked", { on: r.verifiedOn })
            : t("exposure.recipient.record")}
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
  const { t } = useT();
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
    else if (fetcher.state !== "idle") message = t("exposure.recipient.lookingUp");
    else if (data && "error" in data) message = t("exposure.recipient.notAnAddress");
    else if (data)
      shown = { domain: data.domain, recipient: data.recipient ? recipientView(data.recipient) : null };
  }

  return (
    <div onInput={onInput}>
      {children}
      <div
        role="status"
        aria-live="polite"
        aria-label={t("exposure.recipient.live")}
        className="recipient-live"
      >
        {shown ? <RecipientSummary match={shown} /> : message ? <p className="muted">{message}</p> : null}
      </div>
    </div>
  );
}
