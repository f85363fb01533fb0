// Pieces shared by the incident pages: the incident's own navigation and the request-state badge with a text
// label (never colour alone), in the page's language.
import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey, Translator } from "~/i18n/translate";
import { STATE_KEYS } from "~/requests/tracking/lifecycle";

/** A matrix state ("none", a request state or "other") in words, with a capital first letter. */
export function stateLabel(t: Translator["t"], state: string, locale: string) {
  const key: MessageKey =
    state === "none"
      ? "incidents.state.none"
      : ((STATE_KEYS as Record<string, MessageKey>)[state] ?? "incidents.state.other");
  const label = t(key);
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}

export function StateBadge({ state }: { state: string }) {
  const { t, locale } = useT();
  return <span className={`badge badge-request-${state}`}>{stateLabel(t, state, locale)}</span>;
}

export function IncidentNav({ id }: { id: string }) {
  const { t } = useT();
  const links = [
    { to: `/incidents/${id}`, label: t("incidents.nav.overview"), end: true },
    { to: `/incidents/${id}/roster`, label: t("incidents.nav.roster"), end: false },
    { to: `/incidents/${id}/urls`, label: t("incidents.nav.urls"), end: false },
    { to: `/incidents/${id}/matrix`, label: t("incidents.nav.matrix"), end: false },
    { to: `/incidents/${id}/progress`, label: t("incidents.nav.progress"), end: false },
  ];
  return (
    <nav aria-label={t("incidents.nav.label")}>
      <ul className="incident-nav">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
