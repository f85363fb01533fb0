// Pieces shared by the incident pages: the incident's own navigation and the request-state badge with a text
// label (never colour alone).
import { NavLink } from "@remix-run/react";
import { STATE_LABELS } from "~/requests/tracking/lifecycle";

export function stateLabel(state: string) {
  if (state === "none") return "No request yet";
  const label = (STATE_LABELS as Record<string, string>)[state] ?? state;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge badge-request-${state}`}>{stateLabel(state)}</span>;
}

export function IncidentNav({ id }: { id: string }) {
  const links = [
    { to: `/incidents/${id}`, label: "Overview", end: true },
    { to: `/incidents/${id}/roster`, label: "Roster", end: false },
    { to: `/incidents/${id}/urls`, label: "Web addresses", end: false },
    { to: `/incidents/${id}/matrix`, label: "People × recipients", end: false },
    { to: `/incidents/${id}/progress`, label: "Progress", end: false },
  ];
  return (
    <nav aria-label="This incident">
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
