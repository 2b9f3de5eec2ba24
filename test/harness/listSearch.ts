import type { ICredentialDataDecryptedObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { additionalDataFor } from './additionalData';
import { TestCredentialsHelper } from './credentialsHelper';
import { testNode, testWorkflow } from './runNode';

export interface ListSearchOptions {
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
}

/**
 * Calls one of the node's list searches as the editor does when a resource locator opens its
 * list: through n8n-core's LoadOptionsContext for the parameter being edited.
 */
export async function runListSearch(
	method: 'searchProducts' | 'searchProductImages',
	parameter: string,
	options: ListSearchOptions,
): Promise<INodeListSearchResult> {
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.setAll(options.credentials);
	const node = testNode(options.parameters, Object.keys(options.credentials));
	const additionalData = additionalDataFor(credentialsHelper, { currentNodeParameters: options.parameters });
	const context = new LoadOptionsContext(testWorkflow(node), node, additionalData, `parameters.${parameter}`);
	const search = new Bitrix24Catalog().methods.listSearch[method];
	return await search.call(context, options.filter, options.paginationToken);
}
