// GET /api/v1/deadline?regime=RULE_ID&received=YYYY-MM-DD&country=CC — the deadline engine as public JSON.
// Optional: subdivision (e.g. SCT, BY), followUpDays (follow-up rules), variant=youtube-privacy (platform-sla).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerDeadlineQuery, describeQueryErrors } from "~/deadlines/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  const answer = answerDeadlineQuery(new URL(request.url).searchParams);
  if (!answer.ok) {
    return Response.json({ error: describeQueryErrors(answer.errors) }, { status: 400, headers });
  }
  const { deadline } = answer;
  return Response.json(
    {
      regime: deadline.rule,
      received: deadline.received,
      country: deadline.country,
      due: deadline.due,
      extendedDue: deadline.extendedDue,
      acknowledgeBy: deadline.acknowledgeBy,
      rule: deadline.ruleText,
    },
    { headers },
  );
}
