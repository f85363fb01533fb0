// Downloads one evidence file, decrypted, as an attachment (never rendered inline in Retract's origin).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { readEvidence } from "~/evidence/evidence.server";
import { getExposure } from "~/exposures/exposures.server";
import { parseIds } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const p = parseIds(params, "caseId", "exposureId", "evidenceId");
  getExposure(scope, p.caseId, p.exposureId);
  const file = readEvidence(scope, p.exposureId, p.evidenceId);
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
}
