// The sender's safety in the DMCA checklist and the notices: an email-only notice passes; a notice with an
// empty address line, a chosen address left out, or a representative's notice carrying the person's own
// address fails; the kinds passed on to the uploader carry a notice and the others none.
import { describe, expect, it } from "vitest";
import { runChecklist } from "~/requests/render/checklist";
import { examplesFor } from "~/requests/render/examples";
import { renderLetter } from "~/requests/render/templates.server";
import { passedOnNotice, showsTheContent } from "./sender-safety";
import type { LetterVariablesInput } from "./variables";
import { LetterVariables } from "./variables.server";

const dmca = (who: "self" | "represented") =>
  structuredClone(examplesFor("dmca-takedown", "en").find((f) => f.name === `dmca/${who}`)!.variables);

function contactCheck(variables: LetterVariablesInput, edit: (body: string) => string = (b) => b) {
  const letter = renderLetter({ templateId: "dmca-takedown", lang: "en", variables });
  const result = runChecklist({
    kind: "dmca-takedown",
    lang: "en",
    subject: letter.subject,
    body: edit(letter.body),
    variables: LetterVariables.parse(variables),
  });
  return { body: letter.body, check: result.checks.find((c) => c.id === "dmca-takedown.4-contact")! };
}

describe("the DMCA complainant's contact information", () => {
  it("passes with the email only, and prints no address or telephone line", () => {
    const v = dmca("self");
    v.requester = { ...v.requester, postalAddress: null, phone: null };
    const { body, check } = contactCheck(v);
    expect(check.status).toBe("pass");
    expect(body).toContain(`Email: ${v.requester.email}`);
    expect(body).not.toMatch(/^(Address|Telephone):/m);
  });

  it("fails an empty address line and a chosen address left out of the text", () => {
    const v = dmca("self");
    v.requester = { ...v.requester, postalAddress: null, phone: null };
    expect(contactCheck(v, (b) => b.replace("Email:", "Address:\nEmail:")).check).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("no empty address"),
    });
    const chosen = dmca("self");
    const address = chosen.requester.postalAddress!;
    expect(contactCheck(chosen).check.status).toBe("pass");
    expect(contactCheck(chosen, (b) => b.replace(address, "")).check.status).toBe("fail");
  });

  it("fails a representative's notice that carries the person's own address or phone", () => {
    const v = dmca("represented");
    v.representative = { ...v.representative!, address: null, phone: null };
    const { check } = contactCheck(v);
    expect(check.status).toBe("pass");
    const leaked = contactCheck(v, (b) =>
      b.replace("Email:", `Address: ${v.requester.postalAddress}\nEmail:`),
    );
    expect(leaked.check).toMatchObject({ status: "fail", detail: expect.stringContaining("own address") });
  });
});

describe("what the sender is told", () => {
  it("says before writing which kinds are passed on to the uploader, and the DMCA notice names Lumen", () => {
    expect(passedOnNotice("dmca-takedown")).toMatch(/forwarded to the person who uploaded/);
    expect(passedOnNotice("dmca-takedown")).toMatch(/Lumen/);
    expect(passedOnNotice("dmca-takedown")).toMatch(/representative/);
    expect(passedOnNotice("dsa-notice")).toMatch(/person who posted/);
    expect(passedOnNotice("platform-report")).toMatch(/person who posted/);
    expect(passedOnNotice("gdpr-erasure")).toBeNull();
  });

  it("treats platforms, hosts, search engines, brokers and unknown sites as showing the content", () => {
    for (const kind of ["platform", "host", "search_engine", "data_broker", null])
      expect(showsTheContent(kind)).toBe(true);
    expect(showsTheContent("company")).toBe(false);
    expect(showsTheContent("regulator")).toBe(false);
  });
});
