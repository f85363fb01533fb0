import { describe, expect, it } from "vitest";
import { parseApiSubject } from "~/api/subjects-schemas.server";
import { IntakeSchema } from "./intake-schema.server";
import { REGION_OPTIONS, regionName } from "./regions";
import { SubjectFieldsSchema } from "./schemas.server";

const intake = {
  name: "Sam",
  safeChannel: "email",
  othersRead: "no",
  harm: "no",
  consent: "yes",
};

describe("the subject's region", () => {
  it("takes the form's ISO 3166-2 value and keeps the code within the country", () => {
    expect(SubjectFieldsSchema.parse({ name: "Sam", country: "US", region: "US-VA" }).region).toBe("VA");
    expect(SubjectFieldsSchema.parse({ name: "Sam", country: "DE", region: "DE-BE" }).region).toBe("BE");
    expect(SubjectFieldsSchema.parse({ name: "Sam", country: "GB", region: "gb-sct" }).region).toBe("SCT");
    expect(SubjectFieldsSchema.parse({ name: "Sam", country: "US" }).region).toBe("");
  });

  it("refuses a region of another country, or one without a country, with a message", () => {
    for (const bad of [
      { country: "DE", region: "US-VA" },
      { country: "US", region: "US-ZZ" },
      { country: "", region: "US-VA" },
      { country: "FR", region: "FR-75" },
    ]) {
      const r = SubjectFieldsSchema.safeParse({ name: "Sam", ...bad });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join("."))).toContain("region");
    }
  });

  it("is checked the same way in the client intake and the API", () => {
    expect(IntakeSchema.parse({ ...intake, country: "US", region: "US-CO" }).region).toBe("CO");
    expect(IntakeSchema.safeParse({ ...intake, country: "KR", region: "US-CO" }).success).toBe(false);
    const ok = parseApiSubject({ name: "Sam", country: "US", region: "VA" });
    expect(ok.success && ok.data.region).toBe("VA");
    expect(parseApiSubject({ name: "Sam", country: "BE", region: "VA" }).success).toBe(false);
  });

  it("lists every region once, in words", () => {
    const values = REGION_OPTIONS.map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    expect(REGION_OPTIONS.find((o) => o.value === "US-VA")?.label).toBe("Virginia (United States)");
    expect(regionName("DE", "BE")).toBe("Berlin");
    expect(regionName("US", "XX")).toBeNull();
  });
});
