// The negative checks of docs/legal.md §2 ("Truth and safety, for every kind"): each passes on the letters the
// templates write today and fails when the false statement it guards against is put back.
import { describe, expect, it } from "vitest";
import { type Kind, type Lang, REGIMES } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { hasLegalDeadline, runChecklist } from "./checklist";
import { examplesFor, NON_EU_RESIDENT } from "./examples";
import { ruleInWords } from "./format";
import { renderLetter } from "./templates.server";

type Letter = { kind: Kind; lang: Lang; subject: string; body: string; variables: LetterVariables };

function letter(kind: Kind, lang: Lang, fixture: string): Letter {
  const found = examplesFor(kind, lang).find((f) => f.name === fixture);
  if (!found) throw new Error(`no fixture ${kind}/${lang} ${fixture}`);
  const rendered = renderLetter({ templateId: kind, lang, variables: found.variables });
  return {
    kind,
    lang,
    subject: rendered.subject,
    body: rendered.body,
    variables: LetterVariables.parse(found.variables),
  };
}

function status(l: Letter, id: string, body = l.body) {
  const result = runChecklist({
    kind: l.kind,
    lang: l.lang,
    subject: l.subject,
    body,
    variables: l.variables,
  });
  const check = result.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} for ${l.kind}`);
  return check;
}

/** Replaces `from` (which must be in the letter) with `to`. */
function swap(l: Letter, from: string | RegExp, to: string): string {
  const body = l.body.replace(from, to);
  expect(body, `${String(from)} not found in ${l.kind}/${l.lang}`).not.toBe(l.body);
  return body;
}

function expectCaught(l: Letter, id: string, badBody: string, phrase: string) {
  expect(status(l, id).status, `${id} on the letter as written`).toBe("pass");
  const bad = status(l, id, badBody);
  expect(bad.status).toBe("fail");
  expect(bad.detail?.toLowerCase()).toContain(phrase.toLowerCase());
}

describe("legal deadline only where the law sets one", () => {
  it("knows the regimes with a statutory deadline", () => {
    expect(REGIMES.filter((regime) => hasLegalDeadline({ regime }))).toEqual([
      "gdpr",
      "uk-gdpr",
      "ccpa",
      "us-state",
      "kr-pipa",
    ]);
  });

  it.each([
    ["en", "dsa/self"],
    ["en", "dmca/represented"],
    ["en", "platform/self"],
    ["en", "kr-icna/self"],
  ] as const)(
    "a %s follow-up (%s) says the time the sender allowed has passed, never a legal deadline",
    (lang, f) => {
      const l = letter("follow-up", lang, f);
      expect(l.body).toContain("No law sets a number of days for your answer.");
      expect(status(l, "follow-up.own-date-passed").status).toBe("pass");
      expect(status(l, "follow-up.deadline-passed").status).toBe("n/a");
      const old = swap(
        l,
        /No law sets a number of days[^\n]*has passed,/,
        "The deadline for your answer was 30 November 2026. That deadline has passed, and",
      );
      expectCaught(l, "truth.legal-deadline", old, "deadline has passed");
      expect(status(l, "follow-up.own-date-passed", old).status).toBe("fail");
    },
  );

  it.each([
    ["de", "Diese Zeit ist verstrichen", "Diese Frist ist abgelaufen", "Frist ist abgelaufen"],
    ["fr", "Le temps que je vous avais laissé est écoulé", "Ce délai est dépassé", "délai est dépassé"],
    ["nl", "De tijd die ik u gaf is verstreken", "Die termijn is verstreken", "termijn is verstreken"],
  ] as const)("a %s DSA follow-up says the same in its own language", (lang, good, bad, phrase) => {
    const l = letter("follow-up", lang, "dsa/self");
    expectCaught(l, "truth.legal-deadline", swap(l, good, bad), phrase);
  });

  it("a GDPR follow-up says the legal deadline was … and has passed", () => {
    const l = letter("follow-up", "en", "gdpr/self");
    expect(l.body).toContain("The legal deadline for your answer was 23 December 2026");
    expect(status(l, "truth.legal-deadline").status).toBe("n/a");
    expect(status(l, "follow-up.deadline-passed").status).toBe("pass");
    const vague = swap(l, "The legal deadline for your answer was", "I had asked you to answer by");
    expect(status(l, "follow-up.deadline-passed", vague).status).toBe("fail");
  });

  it("no platform report or broker opt-out claims a handling time the recipient never stated", () => {
    for (const l of [
      letter("platform-report", "en", "telegram/self"),
      letter("broker-optout", "en", "none/self"),
    ]) {
      const old = swap(l, "no law sets a time for this;", "your stated handling time;");
      expectCaught(l, "truth.stated-handling-time", old, "stated handling time");
    }
  });
});

describe("the rules in words", () => {
  it.each(["dmca", "dsa-notice", "platform-sla", "kr-icna-30"] as const)(
    "%s: the follow-up date is the sender's own, in every language",
    (rule) => {
      for (const lang of ["en", "de", "fr", "nl", "ko"] as const) {
        const words = ruleInWords(rule, lang);
        expect(words).not.toMatch(/stated handling time|deadline|Frist|délai légal|termijn|기한/i);
        if (lang === "en") expect(words).toContain("a date I set myself");
      }
    },
  );

  it("cites DSA Art 16(5) for 'without undue delay' and ICNA's 'without delay'", () => {
    expect(ruleInWords("dsa-notice", "en")).toContain("without undue delay under Art 16(5) DSA");
    expect(ruleInWords("dsa-notice", "de")).toContain("Art. 16 Abs. 5 DSA");
    expect(ruleInWords("kr-icna-30", "en")).toMatch(/^without delay under ICNA Art 44-2/);
    expect(ruleInWords("kr-icna-30", "ko")).toContain("지체 없이");
  });
});

describe("ICNA Art 44-2: without delay; 30 days is the longest a temporary block lasts", () => {
  it("the English letter gives a follow-up date, not a deadline", () => {
    const l = letter("kr-icna-deletion", "en", "kr-icna/self");
    expect(l.body).toContain("without delay");
    const old = swap(
      l,
      /I will check again on [^\n]*/,
      "Deadline: 23 December 2026 (within 30 days of receipt)",
    );
    expectCaught(l, "truth.legal-deadline", old, "Deadline:");
    expectCaught(l, "truth.icna-30-days", old, "30 days");
  });

  it("the Korean letter too", () => {
    const l = letter("kr-icna-deletion", "ko", "kr-icna/represented");
    expect(l.body).toContain("지체 없이");
    expectCaught(l, "truth.legal-deadline", swap(l, "재확인 예정일", "처리 기한"), "처리 기한");
    const old = swap(l, "법에 정해진 처리 일수는 없습니다.", "30일 이내에 삭제해 주십시오.");
    expectCaught(l, "truth.icna-30-days", old, "30일 이내에 삭제");
  });

  it("the request must say without delay", () => {
    const l = letter("kr-icna-deletion", "en", "kr-icna/self");
    const body = l.body.replaceAll("without delay", "soon");
    expect(status(l, "kr-icna-deletion.request", body).status).toBe("fail");
  });
});

describe("a representative writes about the person, never as the person", () => {
  it("YouTube: the person is named, not impersonated", () => {
    const l = letter("platform-report", "en", "youtube/represented");
    expect(l.body).toContain("Aoife Byrne is the person identifiable in this content");
    const old = swap(
      l,
      /Aoife Byrne is the person identifiable in this content;[^.]*\./,
      "I am the person identifiable in this content and make this as a privacy complaint.",
    );
    expectCaught(l, "truth.as-the-person", old, "I am the person");
  });

  it.each([
    ["en", "They live alone", "I live alone"],
    ["fr", "Elle vit seule", "Je vis seule"],
    ["de", "Sie lebt allein", "Ich lebe allein"],
    ["nl", "Zij woont alleen", "Ik woon alleen"],
  ] as const)("%s erasure request: one person throughout", (lang, good, bad) => {
    const l = letter("gdpr-erasure", lang, "gdpr/represented");
    expectCaught(l, "truth.as-the-person", swap(l, good, bad), bad);
  });

  it("applies only to represented letters", () => {
    const self = letter("platform-report", "en", "youtube/self");
    expect(self.body).toContain("I am the person identifiable in this content");
    expect(status(self, "truth.as-the-person").status).toBe("n/a");
  });
});

describe("every fragment in the letter's language", () => {
  it.each([
    ["de", "eine Websuche nach dem Namen Anna Berger"],
    ["fr", "une recherche web sur le nom Camille Martin"],
    ["nl", "een zoekopdracht op de naam Sanne de Vries"],
  ] as const)("%s: an English 'found via' fragment fails", (lang, good) => {
    const l = letter("gdpr-erasure", lang, "gdpr/self");
    expectCaught(l, "truth.english-fragment", swap(l, good, "search for my name"), "search for my name");
    expectCaught(l, "truth.english-fragment", `${l.body}\n   Found via: a search\n`, "Found via");
  });
});

describe("escalation names the right body", () => {
  it("a platform report escalates to the Digital Services Coordinator, never a data-protection authority", () => {
    const l = letter("platform-report", "en", "x/represented");
    expect(l.body).toContain("a complaint under Article 53 DSA to Coimisiún na Meán");
    const old = swap(
      l,
      /escalate: with a notice[^\n]*/,
      "escalate to the Data Protection Commission (Ireland), including a notice under Article 16 of the EU Digital Services Act where it applies.",
    );
    expectCaught(l, "truth.dsa-no-dpa", old, "Data Protection");
  });

  it("a platform report for someone outside the EU offers no DSA route", () => {
    const l = letter("platform-report", "en", "x/non-eu");
    expect(l.variables.requester).toMatchObject({ name: NON_EU_RESIDENT.name });
    expect(l.body).not.toMatch(/Digital Services|DSA/);
    expect(l.body).toContain("If the content stays up, I will escalate.");
  });

  it("a DSA notice and its follow-up complain to the coordinator under Article 53", () => {
    for (const l of [letter("dsa-notice", "en", "dsa/self"), letter("follow-up", "en", "dsa/represented")]) {
      expect(l.body).toContain("under Article 53 DSA to Coimisiún na Meán");
      const old = swap(
        l,
        /under Article 53 DSA to [^\n]*/,
        "to the Data Protection Commission (Ireland) (Article 53).",
      );
      expectCaught(l, "truth.dsa-no-dpa", old, "Data Protection");
    }
  });

  it("a DSA notice whose authority is not a coordinator still names the coordinator, not that authority", () => {
    const fixture = examplesFor("dsa-notice", "en").find((f) => f.name === "dsa/self")!;
    const variables = {
      ...fixture.variables,
      authority: { name: "the Data Protection Commission (Ireland)" },
    };
    const rendered = renderLetter({ templateId: "dsa-notice", lang: "en", variables });
    expect(rendered.body).toContain("complain under Article 53 DSA to the Digital Services Coordinator.");
    expect(rendered.body).not.toContain("Data Protection Commission");
    const l: Letter = { ...letter("dsa-notice", "en", "dsa/self"), body: rendered.body };
    l.variables = LetterVariables.parse(variables);
    expect(status(l, "dsa-notice.escalation").status).toBe("pass");
    expect(status(l, "truth.dsa-no-dpa").status).toBe("pass");
  });

  it("a platform report that names the coordinator cites Article 53", () => {
    const l = letter("platform-report", "en", "x/represented");
    expect(status(l, "platform-report.escalation").status).toBe("pass");
    expect(status(l, "platform-report.escalation", swap(l, "under Article 53 DSA", "")).status).toBe("fail");
  });

  it("DMCA and platform follow-ups do not name the data-protection authority the app may hand them", () => {
    for (const f of ["dmca/self", "platform/represented"]) {
      const l = letter("follow-up", "en", f);
      expect(l.variables.authority?.name).toBe("the Data Protection Commission (Ireland)");
      expect(l.body).not.toContain("Data Protection Commission");
      const old = `${l.body}\nIf needed I will also write to the Data Protection Commission (Ireland).\n`;
      expectCaught(l, "truth.dsa-no-dpa", old, "Data Protection Commission");
    }
  });

  it("the German DSA follow-up names the coordinator, not the supervisory authority", () => {
    const l = letter("follow-up", "de", "dsa/self");
    const old = swap(
      l,
      "Beschwerde beim Koordinator für digitale Dienste",
      "Beschwerde bei der Aufsichtsbehörde",
    );
    expectCaught(l, "truth.dsa-no-dpa", old, "Aufsichtsbehörde");
  });
});

describe("citations", () => {
  it("DSA 'without undue delay' is Art 16(5)", () => {
    const l = letter("dsa-notice", "en", "dsa/self");
    expect(l.body).toContain("without undue delay under Art 16(5) DSA");
    const old = swap(l, "without undue delay under Art 16(5) DSA", "without undue delay under Art 16(6) DSA");
    expectCaught(l, "truth.dsa-16-6", old, "16(6)");
  });

  it.each([
    ["en", "Article 43(3) of the Enforcement Decree of the Act", "Article 36(4)", "36(4)"],
    ["ko", "같은 법 시행령 제43조제3항에 따라 같은 10일 이내에", "같은 법 제36조제4항에 따라", "제36조제4항"],
  ] as const)(
    "PIPA (%s): refusal content comes from Enforcement Decree Art 43(3)",
    (lang, good, bad, phrase) => {
      const l = letter("kr-pipa-deletion", lang, "kr-pipa/self");
      const old = swap(l, good, bad);
      expectCaught(l, "truth.pipa-refusal-source", old, phrase);
      expect(status(l, "kr-pipa-deletion.ten-days", old).status).toBe("fail");
    },
  );
});

describe("broker opt-outs state the law they rely on, and only that law", () => {
  it("the GDPR opt-out carries the full erasure elements and no CCPA words", () => {
    const l = letter("broker-optout", "en", "gdpr/represented");
    expect(status(l, "broker-optout.law").status).toBe("pass");
    expectCaught(
      l,
      "truth.gdpr-no-ccpa",
      swap(l, "Aoife Byrne has followed", "The consumer has followed"),
      "consumer",
    );
    expectCaught(
      l,
      "truth.gdpr-no-ccpa",
      swap(
        l,
        "acting for Aoife Byrne under a signed letter of authority",
        "authorized agent for Aoife Byrne",
      ),
      "authorized agent",
    );
    for (const cut of [/- Article 17\(2\)[^\n]*\n/, /- Article 17\(3\)[^\n]*\n?/, /- Article 19[^\n]*\n/]) {
      expect(status(l, "broker-optout.law", swap(l, cut, "")).status, String(cut)).toBe("fail");
    }
  });

  it("a broker opt-out for someone outside any named law says it relies on none, and cites none", () => {
    const l = letter("broker-optout", "en", "none/self");
    expect(l.variables.requester).toMatchObject({ name: NON_EU_RESIDENT.name, country: "the United States" });
    expect(l.body).toContain("This request does not rely on a privacy law");
    expect(status(l, "broker-optout.no-law").status).toBe("pass");
    const old = swap(
      l,
      /This request does not rely on a privacy law[^\n]*/,
      "I ask you to honour this opt-out as your own policy offers.",
    );
    expect(status(l, "broker-optout.no-law", old).status).toBe("fail");
    expectCaught(
      l,
      "truth.no-law-claimed",
      `${l.body}\nThis is also a request under Article 17 GDPR.\n`,
      "GDPR",
    );
  });
});

describe("German lines keep their grammar whatever the directory calls the authority", () => {
  it("names the authority after 'der Aufsichtsbehörde', so a nominative name with its article still reads", () => {
    const l = letter("gdpr-erasure", "de", "gdpr/self");
    expect(l.body).toContain(
      "Beschwerde bei der Aufsichtsbehörde (Berliner Beauftragte für Datenschutz und Informationsfreiheit) einlegen",
    );
    const old = swap(
      l,
      "bei der Aufsichtsbehörde (Berliner Beauftragte für Datenschutz und Informationsfreiheit)",
      "bei Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
    );
    expectCaught(l, "truth.german-grammar", old, "bei Die B");
    expectCaught(l, "truth.german-grammar", swap(l, /^An: /m, "An: der "), "An: der ");
  });
});

describe("no doubled names", () => {
  it("a legal entity that already holds the display name is not followed by it again", () => {
    const l = letter("platform-report", "en", "youtube/self");
    expect(l.body).toContain("Report to: Google LLC (YouTube) – privacy complaint form");
    const old = swap(l, "Google LLC (YouTube)", "Google LLC (YouTube) (YouTube)");
    expectCaught(l, "truth.doubled-name", old, "(YouTube) (YouTube)");
    expectCaught(
      l,
      "truth.doubled-name",
      `${l.body}\nthe Information Commissioner's Office (ICO) (ICO)\n`,
      "(ICO) (ICO)",
    );
  });
});

describe("fixtures", () => {
  it("cover a representative and a resident outside the EU", () => {
    const names = examplesFor("platform-report", "en").map((f) => f.name);
    expect(names).toContain("youtube/represented");
    expect(names).toContain("youtube/non-eu");
    expect(
      examplesFor("broker-optout", "en", ["none"]).every(
        (f) => f.variables.requester.name === NON_EU_RESIDENT.name,
      ),
    ).toBe(true);
  });
});

describe("Korean complaints: the law of the first letter, in Korean", () => {
  it("a PIPA complaint that cites ICNA or sends the person to KCSC fails", () => {
    const l = letter("regulator-complaint", "ko", "kr-pipa/self");
    expectCaught(
      l,
      "truth.kr-complaint-law",
      swap(
        l,
        "개인정보 삭제 요구(「개인정보 보호법」 제36조제1항)",
        "정보 삭제 요청(정보통신망법 제44조의2)",
      ),
      "정보통신망법",
    );
    expectCaught(
      l,
      "truth.kr-complaint-law",
      `${l.body}\n방송통신심의위원회에도 신청합니다.`,
      "방송통신심의위원회",
    );
  });

  it("an ICNA complaint that asks for PIPA dispute mediation fails", () => {
    const l = letter("regulator-complaint", "ko", "kr-icna/represented");
    expectCaught(
      l,
      "truth.kr-complaint-law",
      swap(l, "위 게시물을 심의하여", "같은 법 제43조에 따라 분쟁조정을 신청하오니 위 게시물을 심의하여"),
      "분쟁조정",
    );
  });

  it.each([
    ["kr-pipa/self", "GDPR 제17조에 따라", "GDPR"],
    ["kr-icna/self", "감독기관에 Article 77 신고", "감독기관"],
  ] as const)("%s: a GDPR word fails", (fixture, phrase, caught) => {
    const l = letter("regulator-complaint", "ko", fixture);
    expectCaught(
      l,
      "truth.kr-no-gdpr",
      swap(l, "이 신청서의 내용은", `${phrase} 이 신청서의 내용은`),
      caught,
    );
  });

  it("an English heading left in the Korean complaint fails", () => {
    const l = letter("regulator-complaint", "ko", "kr-pipa/represented");
    expectCaught(
      l,
      "truth.english-fragment",
      swap(l, "6. 증거 자료", "6. Evidence enclosed"),
      "Evidence enclosed",
    );
    expectCaught(
      l,
      "truth.english-fragment",
      swap(l, /개인정보처리자는 답변하지 않았습니다\./, "The controller has not answered."),
      "has not answered",
    );
  });

  it("the complaint names the original request by its reference and cites its law", () => {
    const l = letter("regulator-complaint", "ko", "kr-pipa/self");
    expect(status(l, "regulator-complaint.original-request").status).toBe("pass");
    const noRef = status(
      l,
      "regulator-complaint.original-request",
      l.body.replaceAll("RX-3HV8-P2", ""),
    ).detail;
    expect(noRef).toContain("RX-3HV8-P2");
    expect(status(l, "regulator-complaint.korean-law").status).toBe("pass");
    expect(
      status(l, "regulator-complaint.korean-law", l.body.replaceAll("개인정보 보호법", "관련 법")).status,
    ).toBe("fail");
    const icna = letter("regulator-complaint", "ko", "kr-icna/self");
    expect(status(icna, "regulator-complaint.korean-law", icna.body.replaceAll("제44조의2", "")).status).toBe(
      "fail",
    );
    // A GDPR complaint is not read for a Korean law.
    expect(
      status(letter("regulator-complaint", "de", "gdpr/self"), "regulator-complaint.korean-law").status,
    ).toBe("n/a");
  });

  it("the Korean complaint asks the authority and states the silence, in Korean", () => {
    const l = letter("regulator-complaint", "ko", "kr-icna/self");
    expect(status(l, "regulator-complaint.answer").status).toBe("pass");
    expect(status(l, "regulator-complaint.ask").status).toBe("pass");
    expect(status(l, "regulator-complaint.ask", l.body.replaceAll("주시기 바랍니다", "줍니다")).status).toBe(
      "fail",
    );
    expect(
      status(l, "regulator-complaint.answer", l.body.replace("답변하지 않았습니다", "조용합니다")).status,
    ).toBe("fail");
  });
});

describe("Korean follow-ups", () => {
  it("PIPA: the legal deadline passed; ICNA: the sender's date, never a legal deadline", () => {
    const pipa = letter("follow-up", "ko", "kr-pipa/self");
    expect(status(pipa, "follow-up.deadline-passed").status).toBe("pass");
    expect(
      status(pipa, "follow-up.deadline-passed", pipa.body.replace("이 기한이 지났습니다", "")).status,
    ).toBe("fail");
    const icna = letter("follow-up", "ko", "kr-icna/self");
    expect(status(icna, "follow-up.own-date-passed").status).toBe("pass");
    expectCaught(
      icna,
      "truth.legal-deadline",
      swap(icna, "재확인 날짜로 정한 날", "법정 처리 기한인 날"),
      "처리 기한",
    );
    expect(status(icna, "follow-up.final-date").status).toBe("pass");
    expect(status(icna, "follow-up.final-date", icna.body.replace("최종 기한", "날짜")).status).toBe("fail");
  });
});
