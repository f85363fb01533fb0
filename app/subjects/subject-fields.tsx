// The person's details, shared by the new-case form and the edit page.
import { useT } from "~/i18n/i18n-context";
import { SelectField, TextArea, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import { REGION_OPTIONS } from "./regions";

export type SubjectDefaults = {
  name?: string;
  aliases?: string;
  emails?: string;
  phones?: string;
  addresses?: string;
  usernames?: string;
  country?: string;
  region?: string;
  notes?: string;
};

/** The region select, shared by the subject form and the client intake (value "US-VA", stored "VA"). */
export function RegionField({
  country,
  region,
  errors,
  label,
}: {
  country?: string;
  region?: string;
  errors?: string[];
  label?: string;
}) {
  const { t } = useT();
  const value = region ? (region.includes("-") ? region : country ? `${country}-${region}` : "") : "";
  return (
    <SelectField
      name="region"
      label={label ?? t("subjects.field.region")}
      hint={t("subjects.field.regionHint")}
      defaultValue={value}
      errors={errors}
      // The regions' names are English (Intl has no names for states); each option says so.
      options={[
        { value: "", label: t("subjects.field.regionNone") },
        ...REGION_OPTIONS.map((o) => ({ ...o, lang: "en" })),
      ]}
    />
  );
}

export function SubjectFieldset({
  countries,
  defaults = {},
  errors = {},
}: {
  countries: { code: string; name: string }[];
  defaults?: SubjectDefaults;
  errors?: FieldErrors;
}) {
  const { t } = useT();
  return (
    <>
      <TextField
        name="name"
        label={t("subjects.field.name")}
        defaultValue={defaults.name}
        errors={errors.name}
        autoComplete="off"
      />
      <TextArea
        name="aliases"
        label={t("subjects.field.aliases")}
        hint={t("subjects.field.aliasesHint")}
        defaultValue={defaults.aliases}
        errors={errors.aliases}
        rows={2}
      />
      <TextArea
        name="emails"
        label={t("subjects.field.emails")}
        hint={t("subjects.field.onePerLine")}
        defaultValue={defaults.emails}
        errors={errors.emails}
        rows={2}
      />
      <TextArea
        name="phones"
        label={t("subjects.field.phones")}
        hint={t("subjects.field.onePerLine")}
        defaultValue={defaults.phones}
        errors={errors.phones}
        rows={2}
      />
      <TextArea
        name="addresses"
        label={t("subjects.field.addresses")}
        hint={t("subjects.field.addressesHint")}
        defaultValue={defaults.addresses}
        errors={errors.addresses}
        rows={3}
      />
      <TextArea
        name="usernames"
        label={t("subjects.field.usernames")}
        hint={t("subjects.field.usernamesHint")}
        defaultValue={defaults.usernames}
        errors={errors.usernames}
        rows={2}
      />
      <SelectField
        name="country"
        label={t("subjects.field.country")}
        hint={t("subjects.field.countryHint")}
        defaultValue={defaults.country ?? ""}
        errors={errors.country}
        options={[
          { value: "", label: t("subjects.field.countryNone") },
          ...countries.map((c) => ({ value: c.code, label: c.name })),
        ]}
      />
      <RegionField country={defaults.country} region={defaults.region} errors={errors.region} />
      <TextArea
        name="notes"
        label={t("exposure.field.notes")}
        defaultValue={defaults.notes}
        errors={errors.notes}
        rows={3}
      />
    </>
  );
}

export function subjectDefaults(s: {
  name: string;
  aliases: string[];
  emails: string[];
  phones: string[];
  addresses: string[];
  usernames: string[];
  country: string;
  region: string;
  notes: string;
}): SubjectDefaults {
  return {
    name: s.name,
    aliases: s.aliases.join("\n"),
    emails: s.emails.join("\n"),
    phones: s.phones.join("\n"),
    addresses: s.addresses.join("\n\n"),
    usernames: s.usernames.join("\n"),
    country: s.country,
    region: s.region,
    notes: s.notes,
  };
}
