import type { ItemValidator } from '../../common/validate';
import { NAME_MAX, NAME_PATTERN } from '../model';

/*
 * Transcribe's one name rule, for job, vocabulary and filter names (e.g. MedicalScribeJobName in
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html):
 * used by the actions and by the trigger.
 */

const NAME_FIX = 'Use 1 to 200 letters, digits, dots, hyphens or underscores (no spaces).';

/** Checks a job, vocabulary or filter name against the service's name rule. */
export function checkName(v: ItemValidator, field: string, value: string | undefined): void {
	if (value === undefined || value === '') return;
	v.length(field, value, 1, NAME_MAX);
	v.pattern(field, value, NAME_PATTERN, NAME_FIX);
}
