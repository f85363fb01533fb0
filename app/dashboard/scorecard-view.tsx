// How a recipient answered: the scorecard as a table row (the scorecards page) and as a list of facts (the
// recipient's directory page). Each figure is one whole phrase so it can be translated later.
import { Link } from "@remix-run/react";

export type ScorecardFigures = {
  sent: number;
  answered: number;
  medianDaysToAnswer: number | null;
  removedPlaces: number;
  medianDaysToRemoval: number | null;
  refused: number;
  ignored: number;
};

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

function days(n: number | null) {
  if (n === null) return "no answer yet";
  if (n === 1) return "1 day";
  return `${n} days`;
}

function removalDays(n: number | null) {
  if (n === null) return "none checked gone yet";
  if (n === 1) return "1 day";
  return `${n} days`;
}

const share = (n: number, of: number) => `${n} of ${of} (${percent(n, of)} %)`;

export function ScorecardTable({
  cards,
}: {
  cards: (ScorecardFigures & { recipientId: string; name: string })[];
}) {
  return (
    <section
      className="table-scroll"
      aria-labelledby="scorecards-caption"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="data-table scorecard-table">
        <caption id="scorecards-caption">How each recipient answered your requests</caption>
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col">Requests sent</th>
            <th scope="col">Typical time to a first answer</th>
            <th scope="col">Typical time until a place was checked gone</th>
            <th scope="col">Refused</th>
            <th scope="col">No answer by the due date</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.recipientId}>
              <th scope="row">
                <Link to={`/directory/${encodeURIComponent(c.recipientId)}`}>{c.name}</Link>
              </th>
              <td>{c.sent}</td>
              <td>{days(c.medianDaysToAnswer)}</td>
              <td>{removalDays(c.medianDaysToRemoval)}</td>
              <td>{share(c.refused, c.sent)}</td>
              <td>{share(c.ignored, c.sent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ScorecardFacts({ card, label }: { card: ScorecardFigures; label: string }) {
  return (
    <dl className="facts" aria-label={label}>
      <dt>Requests sent</dt>
      <dd>{card.sent}</dd>
      <dt>Answered</dt>
      <dd>{share(card.answered, card.sent)}</dd>
      <dt>Typical time to a first answer</dt>
      <dd>{days(card.medianDaysToAnswer)}</dd>
      <dt>Places checked gone after a request</dt>
      <dd>{card.removedPlaces}</dd>
      <dt>Typical time until a place was checked gone</dt>
      <dd>{removalDays(card.medianDaysToRemoval)}</dd>
      <dt>Refused</dt>
      <dd>{share(card.refused, card.sent)}</dd>
      <dt>No answer by the due date</dt>
      <dd>{share(card.ignored, card.sent)}</dd>
    </dl>
  );
}
