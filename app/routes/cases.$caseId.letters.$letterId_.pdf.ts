// Downloads a letter as PDF (generated on request from the stored text; the text of a sent letter never changes).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { requireScope } from "~/auth/session.server";
import { PdfHasGapsError, renderLetterPdf } from "~/requests/render/pdf.server";
import { getLetter } from "~/requests/store.server";
import { parseIds } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseIds(params, "caseId", "letterId");
  const letter = getLetter(scope, caseId, letterId);
  let pdf: Buffer;
  try {
    pdf = await renderLetterPdf({
      reference: letter.reference,
      subject: letter.subject,
      body: letter.body,
      lang: letter.templateLang,
      paper: letter.paper,
      variables: letter.variables,
      address: letter.channel === "pdf" ? letter.address : null,
    });
  } catch (e) {
    if (e instanceof PdfHasGapsError)
      return new Response(
        `This letter still has gaps in its text. On the letter's page, replace ${e.markers.join(" and ")} with the right words, save the draft, then download the PDF again.`,
        { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } },
      );
    throw e;
  }
  audit({
    action: "letter.pdf",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: letterId,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="letter-${letter.reference}.pdf"`,
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
