// What a batch of pasted addresses shares (a case's bulk add, an incident's leaked URLs): what is exposed,
// whether the posts call for harm, and the date found.
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
  return (
    <>
      <CheckboxGroup
        legend="What is exposed at these addresses? (optional)"
        name="exposed"
        hint={hint}
        options={EXPOSED_KINDS.map((k) => ({ value: k, label: EXPOSED_LABELS[k] }))}
        errors={errors?.exposed}
      />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="callsForHarm" /> These posts call for harm
        </label>
      </div>
      <TextField
        name="foundOn"
        type="date"
        label="Date found"
        defaultValue={today}
        errors={errors?.foundOn}
      />
    </>
  );
}
