// The exposure form's fields, shared by the case page (add) and the exposure page (edit).
import { CheckboxGroup, SelectField, TextArea, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import {
  EXPOSED_KINDS,
  EXPOSED_LABELS,
  EXPOSURE_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from "./categories";
import { type FormMatch, UrlRecipientLookup } from "./recipient-match";

export type ExposureDefaults = {
  url?: string;
  exposed?: string[];
  callsForHarm?: boolean;
  foundOn?: string;
  severityOverride?: string;
  status?: string;
  notes?: string;
};

export function ExposureFieldset({
  defaults = {},
  errors = {},
  withStatus = false,
  today,
  match,
}: {
  defaults?: ExposureDefaults;
  errors?: FieldErrors;
  withStatus?: boolean;
  today: string;
  /** Who answers for the URL as last saved or submitted (the page without JavaScript shows this). */
  match?: FormMatch | null;
}) {
  return (
    <>
      <UrlRecipientLookup initial={match}>
        <TextField
          name="url"
          label="Web address (URL)"
          type="text"
          inputMode="url"
          hint="Copy it from the browser's address bar, e.g. https://t.me/channel/123. Retract names who is responsible for it."
          defaultValue={defaults.url}
          errors={errors.url}
          autoComplete="off"
        />
      </UrlRecipientLookup>
      <CheckboxGroup
        legend="What is exposed there?"
        name="exposed"
        options={EXPOSED_KINDS.map((k) => ({ value: k, label: EXPOSED_LABELS[k] }))}
        defaultValues={defaults.exposed}
        errors={errors.exposed}
      />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="callsForHarm" defaultChecked={defaults.callsForHarm} /> The post calls
          for harm, threatens, or asks people to find or visit the person
        </label>
      </div>
      <TextField
        name="foundOn"
        type="date"
        label="Date found"
        defaultValue={defaults.foundOn ?? today}
        errors={errors.foundOn}
      />
      {withStatus ? (
        <>
          <SelectField
            name="status"
            label="Is it still up?"
            defaultValue={defaults.status ?? "active"}
            errors={errors.status}
            options={EXPOSURE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <SelectField
            name="severityOverride"
            label="Severity"
            hint="Worked out from what is exposed. Choose another level if you judge it differently."
            defaultValue={defaults.severityOverride ?? ""}
            errors={errors.severityOverride}
            options={[
              { value: "", label: "Work it out for me" },
              ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
            ]}
          />
        </>
      ) : null}
      <TextArea
        name="notes"
        label="Notes (optional)"
        defaultValue={defaults.notes}
        errors={errors.notes}
        rows={2}
      />
    </>
  );
}
