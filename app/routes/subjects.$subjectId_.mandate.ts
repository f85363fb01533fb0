// The letter of authority (the `mandate` template) for a client to sign, as a PDF; the representative is the
// member who downloads it. Generated on request; nothing is stored until the signed copy is uploaded.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { mandatePdf } from "~/requests/compose/mandates.server";
import { PdfHasGapsError } from "~/requests/render/pdf.server";
import { parseIds } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  const paper = new URL(request.url).searchParams.get("paper") === "LETTER" ? "LETTER" : "A4";
  let made: Awaited<ReturnType<typeof mandatePdf>>;
  try {
    made = await mandatePdf(scope, subjectId, paper);
  } catch (e) {
    // The letter of authority is never printed with a template marker in it.
    if (e instanceof PdfHasGapsError)
      return new Response(
        "The letter of authority cannot be made yet: some of the client's or your details are missing. Fill them in, then try again.",
        { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } },
      );
    throw e;
  }
  const { pdf, reference } = made;
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
