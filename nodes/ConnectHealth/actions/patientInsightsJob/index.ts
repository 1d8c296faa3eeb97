import { defineResource } from '../../../common/operation';
import * as get from './get';
import * as start from './start';

export const patientInsightsJob = defineResource(
	{ value: 'patientInsightsJob', name: 'Patient Insights Job', default: 'start' },
	{ get, start },
);
