// Korean election days that are public holidays by law, layered on date-holidays (whose KR data has none of
// them: `new Holidays("KR").getHolidays(2026)` in 3.37 lists no 3 June). This is the documented correction
// docs/legal.md §1 allows, not a hand-typed holiday calendar: only these one-off days, each with its legal basis.
//
// - 관공서의 공휴일에 관한 규정 (Regulations on Holidays of Government Offices) Art 2 item 9: the election day of
//   an election held because a term of office expires (공직선거법 제34조에 따른 임기만료에 의한 선거의 선거일)
//   is a public holiday; 공휴일에 관한 법률 (Act on Public Holidays) Art 2 makes the same days public holidays.
// - 공직선거법 (Public Official Election Act) Art 34(1) fixes those election days: the first Wednesday from the
//   70th day before the end of the President's term, the 50th before the National Assembly's, the 30th
//   before the local councils' and heads'.
// - A presidential election after a vacancy (Art 35) is not a term-expiry election: it is a holiday only when
//   the government designates it (item 11, 임시공휴일), as it did for 3 June 2025.
//
// Only dates already fixed by the Act and the published terms of office are listed. Add a new one when the
// National Election Commission publishes it, with its basis.
import type { IsoDate } from "./dates";

/** `name` in English, `nameKo` as the National Election Commission names the election (선거일: its election day). */
export type KoreanElectionDay = { date: IsoDate; name: string; nameKo: string; basis: string };

const TERM_EXPIRY =
  "Public Official Election Act Art 34(1); Regulations on Holidays of Government Offices Art 2 item 9";

export const KOREAN_ELECTION_DAYS: readonly KoreanElectionDay[] = [
  {
    date: "2022-03-09",
    name: "Election day (20th presidential election)",
    nameKo: "제20대 대통령선거일",
    basis: TERM_EXPIRY,
  },
  {
    date: "2022-06-01",
    name: "Election day (8th local elections)",
    nameKo: "제8회 전국동시지방선거일",
    basis: TERM_EXPIRY,
  },
  {
    date: "2024-04-10",
    name: "Election day (22nd National Assembly election)",
    nameKo: "제22대 국회의원선거일",
    basis: TERM_EXPIRY,
  },
  {
    date: "2025-06-03",
    name: "Election day (21st presidential election)",
    nameKo: "제21대 대통령선거일",
    basis:
      "Public Official Election Act Art 35 (election after a vacancy); designated a holiday under the Regulations on Holidays of Government Offices Art 2 item 11",
  },
  {
    date: "2026-06-03",
    name: "Election day (9th local elections)",
    nameKo: "제9회 전국동시지방선거일",
    basis: TERM_EXPIRY,
  },
  {
    date: "2028-04-12",
    name: "Election day (23rd National Assembly election)",
    nameKo: "제23대 국회의원선거일",
    basis: TERM_EXPIRY,
  },
];

const BY_DATE = new Map(KOREAN_ELECTION_DAYS.map((d) => [d.date, d]));

/** The election day on `date` that is a Korean public holiday by law, or null. */
export function koreanElectionDay(date: IsoDate): KoreanElectionDay | null {
  return BY_DATE.get(date) ?? null;
}
