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
		/** `stopWhen`: cancels the execution when it settles; the run then ends as n8n ends a stopped one. */
		async run(
			workflow: Workflow,
			additionalData: IWorkflowExecuteAdditionalData,
			runExecutionData: IRunExecutionData,
			stopWhen?: Promise<unknown>,
		): Promise<IRun> {
			const running = new WorkflowExecute(
				additionalData,
				mode,
				runExecutionData,
			).processRunExecutionData(workflow);
			void stopWhen?.then(() => running.cancel());
			// A cancelled execution's promise never settles; its hooks report the run.
			await Promise.race([running, finished]);
			return await finished;
		},
	};
}
