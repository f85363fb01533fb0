// How a recipient answered: the scorecard as a table row (the scorecards page) and as a list of facts (the
// recipient's directory page). Each figure is one whole message in the page's language.
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";
import type { Translator } from "~/i18n/translate";

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

const days = ({ t }: Translator, n: number | null) =>
  n === null ? t("scorecard.noAnswerYet") : t("scorecard.days", { days: n });

const removalDays = ({ t }: Translator, n: number | null) =>
  n === null ? t("scorecard.noneCheckedGone") : t("scorecard.days", { days: n });

const share = ({ t }: Translator, n: number, of: number) =>
  t("scorecard.share", { n, of, percent: percent(n, of) });

export function ScorecardTable({
  cards,
}: {
  cards: (ScorecardFigures & { recipientId: string; name: string })[];
}) {
  const tr = useT();
  const { t } = tr;
  return (
    <section
      className="table-scroll"
      aria-labelledby="scorecards-caption"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="data-table scorecard-table">
        <caption id="scorecards-caption">{t("scorecard.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("scorecard.recipient")}</th>
            <th scope="col">{t("scorecard.sent")}</th>
            <th scope="col">{t("scorecard.timeToAnswer")}</th>
            <th scope="col">{t("scorecard.timeToRemoval")}</th>
            <th scope="col">{t("scorecard.refused")}</th>
            <th scope="col">{t("scorecard.ignored")}</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.recipientId}>
              <th scope="row">
                <Link to={`/directory/${encodeURIComponent(c.recipientId)}`}>{c.name}</Link>
              </th>
              <td>{c.sent}</td>
              <td>{days(tr, c.medianDaysToAnswer)}</td>
              <td>{removalDays(tr, c.medianDaysToRemoval)}</td>
              <td>{share(tr, c.refused, c.sent)}</td>
              <td>{share(tr, c.ignored, c.sent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ScorecardFacts({ card, label }: { card: ScorecardFigures; label: string }) {
  const tr = useT();
  const { t } = tr;
  return (
    <dl className="facts" aria-label={label}>
      <dt>{t("scorecard.sent")}</dt>
      <dd>{card.sent}</dd>
      <dt>{t("scorecard.answered")}</dt>
      <dd>{share(tr, card.answered, card.sent)}</dd>
      <dt>{t("scorecard.timeToAnswer")}</dt>
      <dd>{days(tr, card.medianDaysToAnswer)}</dd>
      <dt>{t("scorecard.removedPlaces")}</dt>
      <dd>{card.removedPlaces}</dd>
      <dt>{t("scorecard.timeToRemoval")}</dt>
      <dd>{removalDays(tr, card.medianDaysToRemoval)}</dd>
      <dt>{t("scorecard.refused")}</dt>
      <dd>{share(tr, card.refused, card.sent)}</dd>
      <dt>{t("scorecard.ignored")}</dt>
      <dd>{share(tr, card.ignored, card.sent)}</dd>
    </dl>
  );
}
