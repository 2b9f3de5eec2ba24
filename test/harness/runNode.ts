import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { prepareExecution } from './execution';
import { nodeTypes } from './nodeTypes';
import { NODE_TYPE } from './typeNames';
import { additionalDataFor } from './additionalData';

export interface RunOptions {
	parameters: INodeParameters;
	/** Credentials by type; the node uses the one its `authentication` parameter names. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items' JSON (default: one empty item). */
	items?: Array<Record<string, unknown>>;
	/** Whole input items, binary data included; used instead of `items`. */
	inputItems?: INodeExecutionData[];
	onError?: INode['onError'];
	/** Reuse a helper to keep tokens between runs, as n8n keeps them in its database. */
	credentialsHelper?: TestCredentialsHelper;
	/** Stops the execution when it settles, as n8n's Stop button (or a workflow time-out) does. */
	stopWhen?: Promise<unknown>;
	/**
	 * Runs the node as an AI agent's tool called with these arguments (what `$fromAI()` reads),
	 * the way n8n-core's engine runs a tool the agent asked for.
	 */
	toolCall?: Record<string, unknown>;
}

export interface RunResult {
	run: IRun;
	/** Items on the main output. */
	output: INodeExecutionData[];
	/** Items on the error output ("Continue (using error output)"). */
	errorOutput: INodeExecutionData[];
	/** As a tool: what the agent is handed back (the items, or `{ error }` when the node failed). */
	toolOutput: INodeExecutionData[];
	/** The error that stopped the node, as n8n records it. */
	error: IRun['data']['resultData']['error'];
	credentialsHelper: TestCredentialsHelper;
}

const NODE_NAME = 'Bitrix24 Catalog';

/** The node as a workflow holds it, with credentials of the given types attached. */
export function testNode(parameters: INodeParameters, credentialTypes: string[], onError?: INode['onError']): INode {
	return {
		id: '7d2c3ed7-8b6a-4a57-9a3c-2f4d7b3e1a01',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(credentialTypes.map((type) => [type, { id: `${type}-id`, name: type }])),
		...(onError ? { onError } : {}),
	};
}

export function testWorkflow(node: INode): Workflow {
	return new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
}

/** An input item carrying a file, as n8n's nodes hand binary data on (in memory). */
export function binaryItem(bytes: Buffer, fileName: string, mimeType: string, property = 'data'): INodeExecutionData {
	return {
		json: {},
		binary: {
			[property]: {
				data: bytes.toString('base64'),
				mimeType,
				fileName,
				fileExtension: fileName.split('.').pop(),
				bytes: bytes.length,
			},
		},
	};
}

/** Executes a workflow holding the Bitrix24 Catalog node with n8n-core's WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const credentialsHelper = options.credentialsHelper ?? new TestCredentialsHelper();
	credentialsHelper.setAll(options.credentials, { keepStored: true });

	const node = testNode(options.parameters, Object.keys(options.credentials), options.onError);
	const workflow = testWorkflow(node);

	const execution = prepareExecution('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	});
	const additionalData = additionalDataFor(credentialsHelper, { hooks: execution.hooks });

	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json: json as IDataObject }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	if (options.toolCall) prepareToolCall(runExecutionData, workflow, options.toolCall);

	const run = await execution.run(workflow, additionalData, runExecutionData, options.stopWhen);
	const data = run.data.resultData.runData[NODE_NAME]?.[0]?.data;
	const main = data?.main ?? [];
	return {
		run,
		output: main[0] ?? [],
		errorOutput: main[1] ?? [],
		toolOutput: data?.[NodeConnectionTypes.AiTool]?.[0] ?? [],
		error: run.data.resultData.error,
		credentialsHelper,
	};
}

/**
 * Sets the run up as n8n-core's engine sets up a tool an AI agent called
 * (n8n-core, dist/execution-engine/requests-response.js, prepareRequestedNodesForExecution): the
 * node's output goes to the agent (`rewireOutputLogTo`), its first run holds the call's arguments
 * as `inputOverride`, where `$fromAI()` reads them, and its input item carries them with the
 * call's ID.
 */
function prepareToolCall(
	runExecutionData: IRunExecutionData,
	workflow: Workflow,
	args: Record<string, unknown>,
): void {
	// The workflow's own copy of the node, as the engine marks it.
	const node = workflow.getNode(NODE_NAME)!;
	node.rewireOutputLogTo = NodeConnectionTypes.AiTool;
	const source = { previousNode: 'AI Agent', previousNodeOutput: 0, previousNodeRun: 0 };
	runExecutionData.resultData.runData[node.name] = [
		{
			inputOverride: { [NodeConnectionTypes.AiTool]: [[{ json: args as IDataObject }]] },
			source: [source],
			executionIndex: 0,
			executionTime: 0,
			startTime: 0,
		},
	];
	const [entry] = runExecutionData.executionData!.nodeExecutionStack;
	entry.node = node;
	entry.data = { main: [[{ json: { ...args, toolCallId: 'call_1' } as IDataObject }]] };
	entry.runIndex = 0;
}
