import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOfAnswer, failureOfThrown } from '../../nodes/Bitrix24Catalog/transport/errors';
import {
	detailsOf,
	toNodeApiError,
	withProgress,
} from '../../nodes/Bitrix24Catalog/transport/nodeApiError';

const node = { name: 'Bitrix24 Catalog', type: 'n8n-nodes-bitrix24-catalog.bitrix24Catalog' } as INode;

describe('failureOfAnswer', () => {
	it('passes an answer with a result', () => {
		expect(failureOfAnswer({ statusCode: 200, body: { result: true, time: {} } })).toBeUndefined();
		expect(failureOfAnswer({ statusCode: 200, body: { result: false } })).toBeUndefined();
	});

	it.each([
		[400, { error: 0, error_description: 'Image does not exist' }, '0'],
		[400, { error: '0', error_description: 'Image does not exist' }, '0'],
		[400, { error: 100, error_description: 'Could not find value for parameter {id}' }, '100'],
		[400, { error: 200040300020, error_description: 'Access Denied' }, '200040300020'],
		[503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }, 'QUERY_LIMIT_EXCEEDED'],
		// An error key decides, whatever the status says.
		[200, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' }, 'INTERNAL_SERVER_ERROR'],
	])('reads HTTP %p %p as code %p', (statusCode, body, code) => {
		expect(failureOfAnswer({ statusCode, body })).toEqual({
			kind: 'bitrix24',
			code,
			description: body.error_description,
			httpStatus: statusCode,
		});
	});

	it('reads an error without a description', () => {
		expect(failureOfAnswer({ statusCode: 400, body: { error: 0 } })).toEqual({
			kind: 'bitrix24',
			code: '0',
			description: '',
			httpStatus: 400,
		});
	});

	it('reads an HTML page from a proxy as not JSON, with its title', () => {
		const page = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
		expect(failureOfAnswer({ statusCode: 502, body: page })).toEqual({
			kind: 'notJson',
			httpStatus: 502,
			pageTitle: '502 Bad Gateway',
		});
		expect(failureOfAnswer({ statusCode: 200, body: 'OK' })).toEqual({
			kind: 'notJson',
			httpStatus: 200,
			pageTitle: undefined,
		});
	});

	it('reads JSON without result or error as an unexpected answer', () => {
		expect(failureOfAnswer({ statusCode: 200, body: { ok: true } })).toEqual({
			kind: 'bitrix24',
			code: 'HTTP_200',
			description: 'The portal answered without a result or an error',
			httpStatus: 200,
		});
	});
});

describe('failureOfThrown', () => {
	const axiosLike = (props: object) => Object.assign(new Error('request failed'), props);

	it('digs the final answer out of the error n8n wraps around the HTTP client error', () => {
		const cause = axiosLike({
			response: { status: 401, data: { error: 'expired_token', error_description: 'The access token provided has expired.' } },
		});
		const wrapped = new NodeApiError(node, cause as never);
		expect(failureOfThrown(wrapped)).toEqual({
			kind: 'bitrix24',
			code: 'expired_token',
			description: 'The access token provided has expired.',
			httpStatus: 401,
		});
	});

	it.each([
		[{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }, 'ECONNREFUSED'],
		[{ code: 'ECONNABORTED', message: 'timeout of 100ms exceeded' }, 'ETIMEDOUT'],
		[{ code: 'ECONNRESET', message: 'socket hang up' }, 'ECONNRESET'],
		[{ message: 'socket hang up' }, 'ECONNRESET'],
		[{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.invalid' }, 'ENOTFOUND'],
	])('names network failure %p', (props, code) => {
		const cause = axiosLike({
			...props,
			config: { baseURL: 'https://acme.bitrix24.com/rest/1/s3cr3t/', url: 'catalog.productImage.delete' },
		});
		expect(failureOfThrown(new NodeApiError(node, cause as never))).toEqual({
			kind: 'network',
			code,
			host: 'acme.bitrix24.com',
		});
	});
});

describe('toNodeApiError', () => {
	it('carries the Bitrix24 code, its text, the HTTP status and advice', () => {
		const error = toNodeApiError(
			node,
			{ kind: 'bitrix24', code: '200040300020', description: 'Access Denied', httpStatus: 400 },
			2,
			60000,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Bitrix24 error 200040300020: Access Denied');
		expect(error.httpCode).toBe('400');
		expect(error.description).toBe(
			'The Bitrix24 user behind this credential may not modify the product catalog or this product. Grant that user catalog edit rights (CRM → Settings → Access permissions → Trade catalog), or use a webhook or app created by a user who has them.',
		);
		expect(error.context.itemIndex).toBe(2);
		expect(detailsOf(error)).toEqual({ code: '200040300020', description: 'Access Denied', httpCode: '400' });
		expect(error.errorResponse).toEqual({ error: '200040300020', error_description: 'Access Denied' });
	});

	it.each([
		['0', 'Image does not exist', 'No image with this Image ID belongs to this product: it may have been deleted already. Check both IDs.'],
		['0', 'Product was not found', 'No product, variation or service has this Product ID. Check the ID in Bitrix24 (it is in the product page URL).'],
		['0', 'Empty productID', 'No product, variation or service has this Product ID. Check the ID in Bitrix24 (it is in the product page URL).'],
		['0', 'Could not save image.', 'Bitrix24 refused the request. The code and text above are what the portal said.'],
		['100', 'Could not find value for parameter {id}', 'Bitrix24 did not accept a parameter: it is missing, empty or of the wrong type. Check the Product ID and Image ID fields.'],
	])('advises on code %p with text %p', (code, description, hint) => {
		const error = toNodeApiError(node, { kind: 'bitrix24', code, description, httpStatus: 400 }, 0, 60000);
		expect(error.message).toBe(`Bitrix24 error ${code}: ${description}`);
		expect(error.description).toBe(hint);
	});

	it('marks rate limiting so n8n can tell it from other failures', () => {
		const error = toNodeApiError(
			node,
			{ kind: 'bitrix24', code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests', httpStatus: 503 },
			0,
			60000,
		);
		expect(error.message).toBe('Bitrix24 error QUERY_LIMIT_EXCEEDED: Too many requests');
		expect(error.httpCode).toBe('503');
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 1000 });
	});

	it.each([
		['ETIMEDOUT', 'Bitrix24 did not answer within 2.5 seconds'],
		['ECONNREFUSED', 'Could not connect to the Bitrix24 portal at acme.bitrix24.com: the connection was refused'],
		['ENOTFOUND', 'Could not find the Bitrix24 portal at acme.bitrix24.com: the host name does not resolve'],
		['ECONNRESET', 'The connection to Bitrix24 closed before an answer arrived'],
		['EPROTO', 'Could not reach the Bitrix24 portal at acme.bitrix24.com (eproto)'],
	])('keeps its own message for network failure %p', (code, message) => {
		const error = toNodeApiError(node, { kind: 'network', code, host: 'acme.bitrix24.com' }, 1, 2500);
		expect(error.message).toBe(message);
		expect(error.httpCode).toBeNull();
		expect(detailsOf(error)).toEqual({ code, description: message, httpCode: null });
	});

	it('says a time-out without its length when the caller does not know it', () => {
		const error = toNodeApiError(node, { kind: 'network', code: 'ETIMEDOUT' }, 0);
		expect(error.message).toBe('Bitrix24 did not answer in time');
	});

	it('adds what an item did before it failed to the message and the details', () => {
		const error = toNodeApiError(node, { kind: 'network', code: 'ECONNRESET' }, 0, 1000);
		withProgress(error, '1 of 2 images were deleted before the item failed', {
			deletedCount: 1,
			deleted: [{ id: 7 }],
		});
		expect(error.message).toBe(
			'The connection to Bitrix24 closed before an answer arrived (1 of 2 images were deleted before the item failed)',
		);
		expect(detailsOf(error)).toEqual({
			code: 'ECONNRESET',
			description: 'The connection to Bitrix24 closed before an answer arrived',
			httpCode: null,
			deletedCount: 1,
			deleted: [{ id: 7 }],
		});
	});

	it('names the page title of a non-JSON answer', () => {
		const error = toNodeApiError(node, { kind: 'notJson', httpStatus: 502, pageTitle: '502 Bad Gateway' }, 0, 60000);
		expect(error.message).toBe('Bitrix24 answered HTTP 502 with a page that is not JSON ("502 Bad Gateway")');
		expect(error.httpCode).toBe('502');
		expect(detailsOf(error)).toEqual({ code: 'NOT_JSON', description: '502 Bad Gateway', httpCode: '502' });
	});
});
