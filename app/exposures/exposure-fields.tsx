// The exposure form's fields, shared by the case page (add) and the exposure page (edit).
import { useT } from "~/i18n/i18n-context";
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
  const { t } = useT();
  return (
    <>
      <UrlRecipientLookup initial={match}>
        <TextField
          name="url"
          label={t("exposure.field.url")}
          type="text"
          inputMode="url"
          hint={t("exposure.field.urlHint")}
          defaultValue={defaults.url}
          errors={errors.url}
          autoComplete="off"
        />
      </UrlRecipientLookup>
      <CheckboxGroup
        legend={t("exposure.field.exposed")}
        name="exposed"
        options={EXPOSED_KINDS.map((k) => ({ value: k, label: t(EXPOSED_LABELS[k]) }))}
        defaultValues={defaults.exposed}
        errors={errors.exposed}
      />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="callsForHarm" defaultChecked={defaults.callsForHarm} />{" "}
          {t("exposure.field.callsForHarm")}
        </label>
      </div>
      <TextField
        name="foundOn"
        type="date"
        label={t("exposure.field.foundOn")}
        defaultValue={defaults.foundOn ?? today}
        errors={errors.foundOn}
      />
      {withStatus ? (
        <>
          <SelectField
            name="status"
            label={t("exposure.field.status")}
            defaultValue={defaults.status ?? "active"}
            errors={errors.status}
            options={EXPOSURE_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
          />
          <SelectField
            name="severityOverride"
            label={t("exposure.field.severity")}
            hint={t("exposure.field.severityHint")}
            defaultValue={defaults.severityOverride ?? ""}
            errors={errors.severityOverride}
            options={[
              { value: "", label: t("exposure.field.severityAuto") },
              ...SEVERITIES.map((s) => ({ value: s, label: t(SEVERITY_LABELS[s]) })),
            ]}
          />
        </>
      ) : null}
      <TextArea
        name="notes"
        label={t("exposure.field.notes")}
        defaultValue={defaults.notes}
        errors={errors.notes}
        rows={2}
      />
    </>
  );
}
