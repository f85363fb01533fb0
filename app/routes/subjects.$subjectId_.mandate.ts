// The letter of authority (the `mandate` template) for a client to sign, as a PDF; the representative is the
// member who downloads it. Generated on request; nothing is stored until the signed copy is uploaded.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireScope } from "~/auth/session.server";
import { mandatePdf } from "~/letters/mandates.server";
import { parseParams } from "~/utils/forms";

const ParamsSchema = z.object({ subjectId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseParams(params, ParamsSchema);
  const paper = new URL(request.url).searchParams.get("paper") === "LETTER" ? "LETTER" : "A4";
  const { pdf, reference } = await mandatePdf(scope, subjectId, paper);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="letter-of-authority-${reference}.pdf"`,
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
