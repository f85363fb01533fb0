// "How recipients answered": a scorecard per recipient from this workspace's own requests (decision 113).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { ScorecardTable } from "~/dashboard/scorecard-view";
import { scorecardsFor } from "~/dashboard/scorecards.server";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { t } = await getTranslator(request);
  return { cards: scorecardsFor(scope), title: t("scorecards.pageTitle") };
}

export default function Scorecards() {
  const { cards } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="stack">
      <h1>{t("scorecards.title")}</h1>
      <p>{t("scorecards.intro")}</p>
      {cards.length === 0 ? (
        <div className="empty">
          <p>{t("scorecards.empty")}</p>
        </div>
      ) : (
        <ScorecardTable cards={cards} />
      )}
      <p>
        <Link to="/">{t("scorecards.back")}</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "How recipients answered · Retract" },
];
