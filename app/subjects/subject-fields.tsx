// The person's details, shared by the new-case form and the edit page.
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
  label = "State or region (optional)",
}: {
  country?: string;
  region?: string;
  errors?: string[];
  label?: string;
}) {
  const value = region ? (region.includes("-") ? region : country ? `${country}-${region}` : "") : "";
  return (
    <SelectField
      name="region"
      label={label}
      hint="For the United States, Germany and the United Kingdom: the state, Land or nation. It decides which state law and which authority apply (for example Virginia's privacy law)."
      defaultValue={value}
      errors={errors}
      options={[{ value: "", label: "Not given" }, ...REGION_OPTIONS]}
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
  return (
    <>
      <TextField
        name="name"
        label="Full name"
        defaultValue={defaults.name}
        errors={errors.name}
        autoComplete="off"
      />
      <TextArea
        name="aliases"
        label="Other names (optional)"
        hint="Nicknames, former names, spellings. One per line."
        defaultValue={defaults.aliases}
        errors={errors.aliases}
        rows={2}
      />
      <TextArea
        name="emails"
        label="Email addresses (optional)"
        hint="One per line."
        defaultValue={defaults.emails}
        errors={errors.emails}
        rows={2}
      />
      <TextArea
        name="phones"
        label="Phone numbers (optional)"
        hint="One per line."
        defaultValue={defaults.phones}
        errors={errors.phones}
        rows={2}
      />
      <TextArea
        name="addresses"
        label="Postal addresses (optional)"
        hint="Leave an empty line between two addresses. Used to check whether an address is still online. A letter carries one only if you choose it there."
        defaultValue={defaults.addresses}
        errors={errors.addresses}
        rows={3}
      />
      <TextArea
        name="usernames"
        label="Usernames and handles (optional)"
        hint="One per line, e.g. @name."
        defaultValue={defaults.usernames}
        errors={errors.usernames}
        rows={2}
      />
      <SelectField
        name="country"
        label="Country where the person lives"
        hint="Decides which privacy laws protect them."
        defaultValue={defaults.country ?? ""}
        errors={errors.country}
        options={[
          { value: "", label: "Choose a country" },
          ...countries.map((c) => ({ value: c.code, label: c.name })),
        ]}
      />
      <RegionField country={defaults.country} region={defaults.region} errors={errors.region} />
      <TextArea
        name="notes"
        label="Notes (optional)"
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
