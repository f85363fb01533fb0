// The parts of a country that decide which law or authority applies to a person: a US state (its privacy law
// and Attorney General), a German Land (its data-protection authority), a UK nation (its bank holidays).
// One registry; codes are the ISO 3166-2 subdivision codes without the country prefix ("VA", "BE", "SCT").
// Pure module: the subject form lists them, the schema checks them.

export const REGIONS: Record<string, Record<string, string>> = {
  US: {
    AL: "Alabama",
    AK: "Alaska",
    AZ: "Arizona",
    AR: "Arkansas",
    CA: "California",
    CO: "Colorado",
    CT: "Connecticut",
    DE: "Delaware",
    DC: "District of Columbia",
    FL: "Florida",
    GA: "Georgia",
    HI: "Hawaii",
    ID: "Idaho",
    IL: "Illinois",
    IN: "Indiana",
    IA: "Iowa",
    KS: "Kansas",
    KY: "Kentucky",
    LA: "Louisiana",
    ME: "Maine",
    MD: "Maryland",
    MA: "Massachusetts",
    MI: "Michigan",
    MN: "Minnesota",
    MS: "Mississippi",
    MO: "Missouri",
    MT: "Montana",
    NE: "Nebraska",
    NV: "Nevada",
    NH: "New Hampshire",
    NJ: "New Jersey",
    NM: "New Mexico",
    NY: "New York",
    NC: "North Carolina",
    ND: "North Dakota",
    OH: "Ohio",
    OK: "Oklahoma",
    OR: "Oregon",
    PA: "Pennsylvania",
    RI: "Rhode Island",
    SC: "South Carolina",
    SD: "South Dakota",
    TN: "Tennessee",
    TX: "Texas",
    UT: "Utah",
    VT: "Vermont",
    VA: "Virginia",
    WA: "Washington",
    WV: "West Virginia",
    WI: "Wisconsin",
    WY: "Wyoming",
  },
  DE: {
    BW: "Baden-Württemberg",
    BY: "Bavaria (Bayern)",
    BE: "Berlin",
    BB: "Brandenburg",
    HB: "Bremen",
    HH: "Hamburg",
    HE: "Hesse (Hessen)",
    MV: "Mecklenburg-Western Pomerania",
    NI: "Lower Saxony (Niedersachsen)",
    NW: "North Rhine-Westphalia",
    RP: "Rhineland-Palatinate",
    SL: "Saarland",
    SN: "Saxony (Sachsen)",
    ST: "Saxony-Anhalt",
    SH: "Schleswig-Holstein",
    TH: "Thuringia (Thüringen)",
  },
  GB: {
    ENG: "England",
    SCT: "Scotland",
    WLS: "Wales",
    NIR: "Northern Ireland",
  },
};

const COUNTRY_WORDS: Record<string, string> = {
  US: "United States",
  DE: "Germany",
  GB: "United Kingdom",
};

/** The region's name, or null where the country has no such region (or none is given). */
export function regionName(country: string | null | undefined, region: string | null | undefined) {
  if (!country || !region) return null;
  return REGIONS[country.toUpperCase()]?.[region.toUpperCase()] ?? null;
}

export function isRegionOf(country: string, region: string): boolean {
  return Boolean(REGIONS[country]?.[region]);
}

/** Every region as one select list ("Virginia (United States)"), value "US-VA" (the ISO 3166-2 code). */
export const REGION_OPTIONS = Object.entries(REGIONS).flatMap(([country, list]) =>
  Object.entries(list).map(([code, name]) => ({
    value: `${country}-${code}`,
    label: `${name} (${COUNTRY_WORDS[country]})`,
  })),
);
