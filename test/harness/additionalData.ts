import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentialsHelper';

const n8nUrl = 'http://localhost:5678';

/** What n8n's server hands n8n-core for an execution: the credentials and the instance's URLs. */
export function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${n8nUrl}/rest`,
		instanceBaseUrl: `${n8nUrl}/`,
		webhookBaseUrl: `${n8nUrl}/webhook`,
		webhookTestBaseUrl: `${n8nUrl}/webhook-test`,
		webhookWaitingBaseUrl: `${n8nUrl}/webhook-waiting`,
		formBaseUrl: `${n8nUrl}/form`,
		formTestBaseUrl: `${n8nUrl}/form-test`,
		formWaitingBaseUrl: `${n8nUrl}/form-waiting`,
		variables: {},
		logAiEvent: () => {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}
