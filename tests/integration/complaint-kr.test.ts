// A Korean resident's escalation (docs/legal.md §2 "Regulator complaint"): an overdue PIPA request
// ends in a complaint to PIPC (dispute mediation) or KISA's 118 report centre, an ICNA request in a review
// request to KCSC — in Korean, addressed with the authority record's channels, passing the complaint checklist.
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { complaintOptions, writeNextLetter } from "~/requests/compose/next-letter.server";
import { LetterVariables } from "~/requests/compose/variables.server";
import { runChecklist } from "~/requests/render/checklist";
import { getLetter, letterProblems, sendLetter, writeLetter } from "~/requests/store.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { newAccount } from "./helpers";

let owner: Awaited<ReturnType<typeof newAccount>>;

const SENT = new Date("2026-10-01T10:00:00Z");
const LATER = new Date("2026-11-10T09:00:00Z");

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
});

/** A Korean resident's case with one Naver blog post; a first letter of `option` in Korean, sent on 1 October. */
function sentKoreanRequest(option: "kr-pipa-deletion/kr-pipa" | "kr-icna-deletion/kr-icna") {
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "김지현", country: "KR", emails: "jihyun@example.test" }),
  );
  const caseId = createCase(owner.scope, { subjectId, title: "블로그 게시물" });
  const n = normaliseUrl(`https://blog.naver.com/someone/${223456789000 + Math.floor(Math.random() * 1e6)}`);
  if (!n.ok) throw new Error("url");
  const exposureId = createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address", "phone"],
    callsForHarm: false,
    foundOn: "2026-09-20",
    severityOverride: null,
    status: "active",
    notes: "",
  });
  const id = writeLetter(
    owner.scope,
    caseId,
    LetterDetailsSchema.parse({
      exposureIds: [exposureId],
      option,
      lang: "ko",
      destination: "webform|https://help.naver.com/",
      requesterName: "김지현",
      requesterEmail: "jihyun@example.test",
      particularSituation: "게시물이 올라온 뒤 모르는 사람이 집 앞까지 찾아왔습니다.",
      authorityName: "개인정보보호위원회",
    }),
    SENT,
  );
  sendLetter(owner.scope, caseId, id, SENT);
  return { caseId, id };
}

function checklistOf(draft: ReturnType<typeof getLetter>) {
  return runChecklist({
    kind: "regulator-complaint",
    lang: draft.templateLang,
    subject: draft.subject,
    body: draft.body,
    variables: LetterVariables.parse(draft.variables),
  });
}

describe("a Korean resident's complaint", () => {
  it("an overdue PIPA request: a complaint to PIPC in Korean, KISA (118) offered as the alternative", () => {
    const { caseId, id: first } = sentKoreanRequest("kr-pipa-deletion/kr-pipa");
    const firstRef = getLetter(owner.scope, caseId, first).reference;

    const options = complaintOptions(owner.scope, first);
    expect(options.unavailable).toBeNull();
    expect(options.authorities.map((a) => a.id)).toEqual(["curated:kr-pipc", "curated:kr-kisa"]);
    expect(options.defaultAuthorityId).toBe("curated:kr-pipc");
    expect(options.authorities[1]!.name).toBe(
      "KISA Privacy Infringement Report Center (118, 한국인터넷진흥원)",
    );
    expect(options.authority).toMatchObject({ langs: ["ko"], defaultLang: "ko", note: null });

    const id = writeNextLetter(owner.scope, first, "regulator-complaint", LATER);
    const draft = getLetter(owner.scope, caseId, id);
    expect(draft.templateLang).toBe("ko");
    expect(draft.recipientId).toBe("curated:kr-pipc");
    expect(draft.subject).toContain("개인정보 침해 신고 및 분쟁조정 신청");
    // Addressed with the record's channels: PIPC's postal address and the dispute mediation committee's form.
    expect(draft.body).toContain("수신: 개인정보보호위원회");
    expect(draft.body).toContain("서울특별시 종로구 세종대로 209 정부서울청사");
    expect(draft.body).toContain("온라인 신청: https://www.kopico.go.kr/");
    expect(draft.body).toContain("개인정보 분쟁조정위원회에 분쟁조정을 신청");
    expect(draft.body).toContain("「개인정보 보호법」 제62조");
    // The original request, its date and its law; the 10-day deadline of the Enforcement Decree has passed.
    expect(draft.body).toContain(
      `2026년 10월 1일: 개인정보 삭제 요구(「개인정보 보호법」 제36조제1항), 문서번호 ${firstRef}`,
    );
    expect(draft.body).toContain("「개인정보 보호법 시행령」 제43조제3항");
    expect(draft.body).toContain("답변하지 않았으며, 위 처리 기한이 지났습니다.");
    expect(draft.body).toContain(`2026년 10월 1일 요구서 (${firstRef})`);
    // No English fragment, no GDPR word, no other Korean law.
    expect(draft.body).not.toMatch(/GDPR|Article|Complaint|Sent to|정보통신망/);
    expect(letterProblems(draft)).toEqual({ missing: [], markers: [] });
    const checks = checklistOf(draft);
    expect(checks.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(checks.checks.find((c) => c.id === "regulator-complaint.korean-law")?.status).toBe("pass");

    // KISA's report centre, when chosen: its own form, still in Korean.
    const kisa = getLetter(
      owner.scope,
      caseId,
      writeNextLetter(owner.scope, first, "regulator-complaint", LATER, { authorityId: "curated:kr-kisa" }),
    );
    expect(kisa.templateLang).toBe("ko");
    expect(kisa.recipientId).toBe("curated:kr-kisa");
    expect(kisa.body).toContain("수신: 한국인터넷진흥원\n");
    expect(kisa.body).toContain("온라인 신청: https://privacy.kisa.or.kr/");
    expect(checklistOf(kisa).ok).toBe(true);
  });

  it("an ICNA request: a review request to KCSC in Korean, with no legal deadline claimed", () => {
    const { caseId, id: first } = sentKoreanRequest("kr-icna-deletion/kr-icna");
    const options = complaintOptions(owner.scope, first);
    expect(options.authorities.map((a) => a.id)).toEqual(["curated:kr-kcsc"]);
    expect(options.authority?.defaultLang).toBe("ko");

    const id = writeNextLetter(owner.scope, first, "regulator-complaint", LATER);
    const draft = getLetter(owner.scope, caseId, id);
    expect(draft.templateLang).toBe("ko");
    expect(draft.recipientId).toBe("curated:kr-kcsc");
    expect(draft.subject).toContain("게시물 심의 신청");
    expect(draft.body).toContain("수신: 방송통신심의위원회");
    expect(draft.body).toContain("온라인 신청: https://www.kocsc.or.kr/");
    expect(draft.body).toContain("제44조의2제1항");
    expect(draft.body).toContain("심의하여 삭제 또는 접속 차단");
    // ICNA asks for action "without delay": the date is the sender's own, and no deadline is said to have passed.
    expect(draft.body).toContain("지체 없이");
    expect(draft.body).not.toMatch(/기한[^.\n]*지났|개인정보 보호법|분쟁조정/);
    expect(letterProblems(draft)).toEqual({ missing: [], markers: [] });
    expect(checklistOf(draft).checks.filter((c) => c.status === "fail")).toEqual([]);
  });

  it("a Korean follow-up: in Korean, the PIPA deadline passed, the ICNA date the sender's own", () => {
    const pipa = sentKoreanRequest("kr-pipa-deletion/kr-pipa");
    const ref = getLetter(owner.scope, pipa.caseId, pipa.id).reference;
    const reminder = getLetter(
      owner.scope,
      pipa.caseId,
      writeNextLetter(owner.scope, pipa.id, "follow-up", LATER),
    );
    expect(reminder.templateLang).toBe("ko");
    expect(reminder.subject).toContain(`2026년 10월 1일에 보낸 문서(${ref})`);
    expect(reminder.body).toContain("법정 처리 기한은");
    expect(reminder.body).toContain("이 기한이 지났습니다");
    expect(reminder.body).toContain("2026년 11월 24일까지, 즉 오늘부터 14일 이내에");
    expect(reminder.body).toContain("개인정보보호위원회 또는 한국인터넷진흥원 개인정보침해 신고센터(118)에");
    expect(reminder.body).not.toMatch(/the Personal Information|Reminder|Reference/);
    expect(letterProblems(reminder)).toEqual({ missing: [], markers: [] });

    const icna = sentKoreanRequest("kr-icna-deletion/kr-icna");
    const second = getLetter(
      owner.scope,
      icna.caseId,
      writeNextLetter(owner.scope, icna.id, "follow-up", LATER),
    );
    expect(second.templateLang).toBe("ko");
    expect(second.body).toContain("방송통신심의위원회에 심의를 신청하겠습니다");
    expect(second.body).not.toMatch(/법정|처리 기한/);
    expect(letterProblems(second)).toEqual({ missing: [], markers: [] });
    for (const l of [reminder, second])
      expect(
        runChecklist({
          kind: "follow-up",
          lang: "ko",
          subject: l.subject,
          body: l.body,
          variables: LetterVariables.parse(l.variables),
        }).checks.filter((c) => c.status === "fail"),
      ).toEqual([]);
  });
});
