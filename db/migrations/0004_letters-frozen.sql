-- Once a letter is frozen (queued or marked sent), what was sent stays exactly as sent: the database refuses
-- changes to its text, recipient, channel, template and reference, and refuses to unfreeze it.
CREATE TRIGGER `letters_frozen_no_change` BEFORE UPDATE OF `subject_enc`, `body_enc`, `template_body_enc`, `variables_enc`, `recipient_id`, `channel`, `address_enc`, `kind`, `template_id`, `template_lang`, `template_version`, `workspace_template_version_id`, `regime`, `reference`, `attachment_ids`, `frozen_at` ON `letters`
WHEN OLD.`frozen_at` IS NOT NULL
  AND (NEW.`subject_enc` IS NOT OLD.`subject_enc` OR NEW.`body_enc` IS NOT OLD.`body_enc`
    OR NEW.`template_body_enc` IS NOT OLD.`template_body_enc` OR NEW.`variables_enc` IS NOT OLD.`variables_enc`
    OR NEW.`recipient_id` IS NOT OLD.`recipient_id` OR NEW.`channel` IS NOT OLD.`channel`
    OR NEW.`address_enc` IS NOT OLD.`address_enc` OR NEW.`kind` IS NOT OLD.`kind`
    OR NEW.`template_id` IS NOT OLD.`template_id` OR NEW.`template_lang` IS NOT OLD.`template_lang`
    OR NEW.`template_version` IS NOT OLD.`template_version`
    OR NEW.`workspace_template_version_id` IS NOT OLD.`workspace_template_version_id`
    OR NEW.`regime` IS NOT OLD.`regime` OR NEW.`reference` IS NOT OLD.`reference`
    OR NEW.`attachment_ids` IS NOT OLD.`attachment_ids` OR NEW.`frozen_at` IS NOT OLD.`frozen_at`)
BEGIN SELECT RAISE(ABORT, 'a sent letter cannot be changed'); END;
