import type { IDataObject, INode, INodeExecutionData, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { PollContext } from 'n8n-core';

import { additionalDataFor } from './additionalData';
import type { TestCredentialsHelper } from './credentialsHelper';
import { nodeTypes } from './nodeTypes';

/**
 * The part of n8n that runs a polling trigger, around n8n-core's PollContext: each `poll()` calls
 * the node's poll method as n8n's scheduler does. `saved` is the workflow's static data as n8n
 * last stored it: n8n stores it with the execution a poll's items start, so `handOver()` stands
 * for that and `crash()` for an n8n that stopped before it.
 */
export class Poller {
	private workflow: Workflow;
	private saved: IDataObject;

	constructor(
		private readonly credentialsHelper: TestCredentialsHelper,
		private readonly node: INode,
		staticData: IDataObject = {},
	) {
		this.saved = structuredClone(staticData);
		this.workflow = this.load();
	}

	/** Runs the node's poll once; its items, or null when there was nothing new. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[][] | null> {
		const node = this.workflow.getNode(this.node.name) as INode;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new PollContext(
			this.workflow,
			node,
			additionalDataFor(this.credentialsHelper),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		return await (nodeType.poll as NonNullable<typeof nodeType.poll>).call(context);
	}

	/** n8n took the poll's items and stored the static data with their execution. */
	handOver(): void {
		this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** n8n stopped before storing anything of the last poll: it starts again from what it had. */
	crash(): void {
		this.workflow = this.load();
	}

	/** The node's static data as the next poll will see it. */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.workflow.getNode(this.node.name) as INode);
	}

	private load(): Workflow {
		return new Workflow({
			id: 'offline-workflow',
			name: 'Offline queue',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: structuredClone(this.saved),
			settings: {},
		});
	}
}
