// "How recipients answered": a scorecard per recipient from this workspace's own requests (decision 113).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { ScorecardTable } from "~/dashboard/scorecard-view";
import { scorecardsFor } from "~/dashboard/scorecards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  return { cards: scorecardsFor(scope) };
}

export default function Scorecards() {
  const { cards } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>How recipients answered</h1>
      <p>
        These figures come only from the requests sent from this workspace. “Typical” is the middle value:
        half of the answers came sooner, half later. A place counts as gone only once it was checked, by a
        re-check or by you.
      </p>
      {cards.length === 0 ? (
        <div className="empty">
          <p>No requests have been sent yet. Once they are, each recipient's answers are counted here.</p>
        </div>
      ) : (
        <ScorecardTable cards={cards} />
      )}
      <p>
        <Link to="/">Back to your cases</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "How recipients answered · Retract" }];
