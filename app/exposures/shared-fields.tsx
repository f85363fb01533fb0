// What a batch of pasted addresses shares (a case's bulk add, an incident's leaked URLs): what is exposed,
// whether the posts call for harm, and the date found.
import { useT } from "~/i18n/i18n-context";
import { CheckboxGroup, TextField } from "~/ui/forms";
import { EXPOSED_KINDS, EXPOSED_LABELS } from "./categories";

export function SharedExposureFields({
  today,
  hint,
  errors,
}: {
  today: string;
  hint?: string;
  errors?: { exposed?: string[]; foundOn?: string[] };
}) {
  const { t } = useT();
  return (
    <>
      <CheckboxGroup
        legend={t("exposure.shared.exposed")}
        name="exposed"
        hint={hint}
        options={EXPOSED_KINDS.map((k) => ({ value: k, label: t(EXPOSED_LABELS[k]) }))}
        errors={errors?.exposed}
      />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="callsForHarm" /> {t("exposure.shared.callsForHarm")}
        </label>
      </div>
      <TextField
        name="foundOn"
        type="date"
        label={t("exposure.field.foundOn")}
        defaultValue={today}
        errors={errors?.foundOn}
      />
    </>
  );
}
