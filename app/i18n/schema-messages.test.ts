// The schemas' messages are message keys (docs/i18n.md): per family, a Korean translator turns every failure into
// Korean words, a page not translated yet and the JSON API get English, and no key ever reaches anyone.

import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { issuesOf } from "~/api/run.server";
import { BulkRequestsSchema, CaseIntentSchema } from "~/cases/case-page.server";
import { NewCaseSchema } from "~/cases/schemas.server";
import { answerDeadlineQuery, describeQueryErrors } from "~/deadlines/query.server";
import { EvidenceError } from "~/evidence/evidence.server";
import {
  BulkExposuresSchema,
  checkedGoneSchema,
  ExposureFieldsSchema,
  URL_ERROR_KEYS,
} from "~/exposures/schemas.server";
import { normaliseUrl } from "~/exposures/url";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { translateFailure } from "./errors";
import { englishMessages, messagesFor } from "./locale.server";
import { createTranslator } from "./translate";

const korean = createTranslator("ko", messagesFor("ko"));
const hangul = /[\uac00-\ud7a3]/;
const english = new Set(Object.values(englishMessages));

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

/** Every message of a failed parse, in Korean and (formFailure without a translator) in English. */
function both(schema: z.ZodType, values: Record<string, string | string[]>, arrays: string[] = []) {
  const parsed = parseForm(form(values), schema, arrays);
  if (parsed.ok) throw new Error("expected a failure");
  const all = (f: { fieldErrors: Record<string, string[] | undefined>; formErrors?: string[] }) => [
    ...Object.values(f.fieldErrors).flatMap((m) => m ?? []),
    ...(f.formErrors ?? []),
  ];
  const ko = all(translateFailure(korean, parsed));
  const en = all(
    (formFailure(parsed) as unknown as { data: { fieldErrors: Record<string, string[]> } }).data,
  );
  return { ko, en, fields: Object.keys(parsed.fieldErrors).sort() };
}

function expectKoreanAndEnglish({ ko, en }: { ko: string[]; en: string[] }, count: number) {
  expect(ko.length).toBeGreaterThanOrEqual(count);
  expect(en).toHaveLength(ko.length);
  for (const m of ko) expect(m, m).toMatch(hangul);
  for (const m of en) expect(english.has(m), m).toBe(true);
}

describe("schema messages as keys", () => {
  it("exposures: the place form, the checked-gone day and the bulk list", () => {
    const place = both(
      ExposureFieldsSchema,
      {
        url: "https://example.com/p",
        exposed: ["nonsense"],
        foundOn: "2026-02-30",
        status: "x",
        notes: "n".repeat(5001),
      },
      ["exposed"],
    );
    expect(place.fields).toEqual(["exposed", "foundOn", "notes", "status"]);
    expectKoreanAndEnglish(place, 4);
    expect(place.ko).toContain("존재하지 않는 날짜입니다.");
    expect(place.en).toContain("Notes can have at most 5,000 characters.");

    const gone = both(checkedGoneSchema(new Date("2026-12-04T12:00:00Z")), { checkedOn: "2027-01-10" });
    expectKoreanAndEnglish(gone, 1);
    expect(gone.en).toEqual(["The day you checked cannot be in the future."]);

    const bulk = both(BulkExposuresSchema, { urls: "x".repeat(2_000_001), foundOn: "soon" });
    expectKoreanAndEnglish(bulk, 2);
    expect(bulk.en).toEqual(
      expect.arrayContaining(["The list is too long.", "Enter the date as YYYY-MM-DD."]),
    );
  });

  it("exposures: every refusal of a web address has its key, and its English is normaliseUrl's own", () => {
    const inputs = [
      "",
      "a b",
      `https://example.com/${"x".repeat(4001)}`,
      "tg://resolve?post=1",
      "http://[",
      "ftp://example.com/x",
      "https://intranet/x",
      "https://example.notatld/x",
    ];
    const refusals = inputs.map((i) => normaliseUrl(i)).map((r) => (r.ok ? null : r.error));
    expect(new Set(refusals)).toEqual(new Set(Object.keys(URL_ERROR_KEYS)));
    for (const [words, key] of Object.entries(URL_ERROR_KEYS)) expect(englishMessages[key]).toBe(words);
    const bad = both(ExposureFieldsSchema, { url: "a b" });
    expect(bad.ko).toEqual(["웹 주소에는 빈칸이 들어갈 수 없습니다."]);
    expect(bad.en).toEqual(["A web address cannot contain spaces."]);
  });

  it("the API answers the same failure in English words", () => {
    const r = ExposureFieldsSchema.safeParse({ url: "https://example.com/p", status: "x" });
    expect(r.success).toBe(false);
    expect(issuesOf(r.error!)).toEqual([{ path: "status", message: "Choose a status from the list." }]);
  });

  it("cases: the title, the case page's action and its bulk request form", () => {
    const title = both(NewCaseSchema, { subjectId: "new", title: " " });
    expectKoreanAndEnglish(title, 1);
    expect(title.en).toEqual(["Give the case a short title, for example “Telegram channel post, June”."]);
    expectKoreanAndEnglish(both(NewCaseSchema, { title: "t".repeat(201) }), 1);
    expectKoreanAndEnglish(both(CaseIntentSchema, { intent: "explode" }), 1);
    const requests = both(BulkRequestsSchema, { action: "explode" }, ["letterIds"]);
    expect(requests.fields).toEqual(["action", "letterIds"]);
    expectKoreanAndEnglish(requests, 2);
  });

  it("letters: the details form, its cross-field checks included", () => {
    const empty = both(LetterDetailsSchema, { option: "Nope", lang: "xx", destination: "" }, ["exposureIds"]);
    expect(empty.fields).toEqual(["destination", "exposureIds", "lang", "option"]);
    expectKoreanAndEnglish(empty, 4);
    expect(empty.ko).toContain("요청서를 보낼 곳을 골라 주세요.");

    const cross = both(
      LetterDetailsSchema,
      {
        exposureIds: ["e1"],
        option: "us-state-deletion/us-state",
        lang: "en",
        destination: "email|privacy@example.com",
        otherEmail: "nope",
        requesterEmail: "nope",
        contactAddress: "typed",
        represented: "on",
        repEmail: "nope",
        repMandateDate: "soon",
      },
      ["exposureIds"],
    );
    expect(cross.fields).toEqual(expect.arrayContaining(["otherEmail", "repMandateDate", "requesterEmail"]));
    expectKoreanAndEnglish(cross, 3);
    const refined = both(
      LetterDetailsSchema,
      {
        exposureIds: ["e1"],
        option: "us-state-deletion/us-state",
        lang: "en",
        destination: "email|privacy@example.com",
        contactAddress: "typed",
        represented: "on",
        repEmail: "nope",
      },
      ["exposureIds"],
    );
    expect(refined.fields).toEqual(expect.arrayContaining(["repEmail", "requesterAddress", "stateLaw"]));
    expectKoreanAndEnglish(refined, 3);
  });

  it("evidence: a refused file says why in the page's language; its message stays English", () => {
    const e = new EvidenceError({ key: "errors.evidence.kind" }, { field: "file" });
    expect(e.message).toMatch(/^This kind of file cannot be kept as evidence/);
    const body = (
      formFailure(e, { translator: korean }) as unknown as { data: { fieldErrors: { file: string[] } } }
    ).data;
    expect(body.fieldErrors.file[0]).toMatch(/^이 형식의 파일은 증거로 보관할 수 없습니다/);
  });

  it("requests and replies: domain errors with keys are English in e.message and Korean through formFailure", () => {
    for (const key of [
      "errors.request.notSetAside",
      "errors.request.earlierStateGone",
      "errors.inbox.noSuchReference",
      "errors.exposure.alreadyGone",
      "errors.case.requestsElsewhere",
    ] as const) {
      const e = new UserError({ key }, { status: 409 });
      expect(e.message).toBe(englishMessages[key]);
      const body = (formFailure(e, { translator: korean }) as unknown as { data: { formErrors: string[] } })
        .data;
      expect(body.formErrors[0]).toMatch(hangul);
    }
  });

  it("deadlines: the page in Korean, the API in English, with the values filled in", () => {
    const params = new URLSearchParams({
      regime: "nope",
      received: "2026-02-30",
      followUpDays: "0",
      variant: "x",
    });
    const page = answerDeadlineQuery(params, korean);
    const api = answerDeadlineQuery(params);
    if (page.ok || api.ok) throw new Error("expected errors");
    expect(Object.keys(page.errors).sort()).toEqual(["followUpDays", "received", "regime", "variant"]);
    for (const m of Object.values(page.errors)) expect(m).toMatch(hangul);
    expect(page.errors.followUpDays).toContain("1에서 365 사이");
    expect(api.errors.received).toBe("Enter a real calendar date as YYYY-MM-DD, for example 2026-03-01.");
    expect(api.errors.regime).toMatch(/^Unknown kind of request; use one of gdpr-month, /);
    expect(describeQueryErrors(api.errors)).toMatch(/^Invalid or missing parameter "regime": Unknown kind/);
    const missing = answerDeadlineQuery(new URLSearchParams(), korean);
    if (missing.ok) throw new Error("expected errors");
    expect(missing.errors).toEqual({
      regime: "요청 종류를 골라 주세요.",
      received: "상대방이 받은 날짜를 입력해 주세요.",
    });
  });
});
