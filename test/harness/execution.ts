import type {
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

/**
 * An execution as n8n's server prepares one: the lifecycle hooks go into the additional data
 * before anything runs, and `run` resolves with the run the hooks report when it has finished.
 */
export function prepareExecution(
	mode: WorkflowExecuteMode,
	executionId: string,
	workflowData: IWorkflowBase,
) {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);
	return {
		hooks,
		async run(
			workflow: Workflow,
			additionalData: IWorkflowExecuteAdditionalData,
			runExecutionData: IRunExecutionData,
		): Promise<IRun> {
			await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
				workflow,
			);
			return await finished;
		},
	};
}
