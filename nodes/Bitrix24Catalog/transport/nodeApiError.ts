import type { Failure, IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ofItem } from '../helpers/itemError';
import { adviceFor } from './errorAdvice';
import type { CallFailure } from './errors';

/**
 * Details a workflow can branch on; also the `details` of a continue-on-fail item. Some items
 * add what they had done before they failed (see `withProgress`).
 */
export interface ErrorDetails extends IDataObject {
	code: string;
	description: string;
	httpCode: string | null;
}

interface Description {
	message: string;
	hint: string;
	failureCause: Failure | undefined;
	details: ErrorDetails;
	errorResponse: JsonObject;
}

type ErrorWithDetails = NodeApiError & { context: { bitrix24?: ErrorDetails } };

export function toNodeApiError(
	node: INode,
	failure: CallFailure,
	itemIndex: number,
	timeoutMs?: number,
): NodeApiError {
	const { message, details, hint, errorResponse, failureCause } = describe(
		failure,
		timeoutMs,
		itemIndex,
	);
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: hint,
		httpCode: details.httpCode ?? undefined,
		itemIndex,
		failure: failureCause,
	}) as ErrorWithDetails;
	// NodeApiError keeps a null httpCode for network failures; the structured copy lives in context.
	error.context.bitrix24 = details;
	return error;
}

/**
 * Adds to an item's error what the item had done before it failed (Delete All: the images it
 * deleted): a summary in the message, and `progress` in the details for a workflow to act on.
 */
export function withProgress(error: Error, summary: string, progress: IDataObject): Error {
	error.message = `${error.message} (${summary})`;
	const details = detailsOf(error);
	if (details) (error as ErrorWithDetails).context.bitrix24 = { ...details, ...progress };
	return error;
}

/** The structured details of an error raised by this node, if it has them. */
export function detailsOf(error: unknown): ErrorDetails | undefined {
	const context = (error as { context?: { bitrix24?: ErrorDetails } } | undefined)?.context;
	return context?.bitrix24;
}

function describe(failure: CallFailure, timeoutMs: number | undefined, itemIndex: number): Description {
	switch (failure.kind) {
		case 'bitrix24': {
			const advice = adviceFor(failure.code, failure.description);
			const text = failure.description || 'no description';
			const until = failure.availableAt
				? ` (available again at ${new Date(failure.availableAt).toISOString()})`
				: '';
			// The iblock module answers some errors with an empty code: no blank is left for it.
			const code = String(failure.code) === '' ? '' : ` ${failure.code}`;
			const { gaveUp } = failure;
			return {
				message: `Bitrix24 error${code}: ${text}${until}`,
				hint: gaveUp ? `${triedText(gaveUp)} ${advice.hint}` : advice.hint,
				failureCause: advice.failure,
				details: {
					code: failure.code,
					description: failure.description,
					httpCode: String(failure.httpStatus),
					...(gaveUp ? { attempts: gaveUp.attempts, triedForMs: gaveUp.afterMs } : {}),
				},
				errorResponse: {
					error: failure.code,
					error_description: failure.description,
				} as JsonObject,
			};
		}
		case 'notJson': {
			const title = failure.pageTitle ? ` ("${failure.pageTitle}")` : '';
			return {
				message: `Bitrix24 answered HTTP ${failure.httpStatus} with a page that is not JSON${title}`,
				hint:
					'A proxy or web server in front of the portal answered instead of the Bitrix24 REST API. ' +
					'This is usually temporary: run again later. If it persists, check the portal address in the credential.',
				failureCause: { cause: 'temporarily-unavailable' as const },
				details: {
					code: 'NOT_JSON',
					description: failure.pageTitle ?? '',
					httpCode: String(failure.httpStatus),
				},
				errorResponse: { notJson: true, httpStatus: failure.httpStatus } as JsonObject,
			};
		}
		case 'file': {
			return {
				message: `The portal answered HTTP ${failure.httpStatus} for the file ${failure.path}`,
				hint: 'The image file could not be fetched from the portal: it may have been deleted, or the portal does not serve its upload folder publicly.',
				failureCause: { cause: 'configuration-invalid' as const },
				details: {
					code: 'FILE_NOT_FETCHED',
					description: failure.path,
					httpCode: String(failure.httpStatus),
				},
				errorResponse: { file: failure.path, httpStatus: failure.httpStatus } as JsonObject,
			};
		}
		case 'noFileUrl':
		case 'fileElsewhere':
		case 'fileNotImage':
		case 'fileTooLarge':
			return describeRefusedFile(failure, itemIndex);
		case 'unexpected': {
			return {
				message: `The request to Bitrix24 could not be sent: ${failure.message}`,
				hint: 'Check the credential and the node settings, then run again.',
				failureCause: { cause: 'node-defect' as const },
				details: { code: 'REQUEST_NOT_SENT', description: failure.message, httpCode: null },
				errorResponse: { notSent: true } as JsonObject,
			};
		}
		case 'mayHaveCreated': {
			const cause = describe(failure.cause, timeoutMs, itemIndex);
			const { method, what } = failure;
			const [message, hint, code] = failure.carriedOut
				? [
						`${method} may have been carried out`,
						`${method} was not sent again, as a second call could do its work twice or fail on the work the first one did. Look in Bitrix24 whether it was done before running this item again.`,
						'MAY_HAVE_BEEN_CARRIED_OUT',
					]
				: [
						`The ${what} may have been created`,
						`${method} was not sent again, so that nothing is created twice. Look in Bitrix24 (or list the ${what}s) for it before running this item again.`,
						'MAY_HAVE_BEEN_CREATED',
					];
			return {
				message: `${message}, but Bitrix24's answer was lost (${cause.message})`,
				hint,
				failureCause: { cause: 'temporarily-unavailable' as const },
				details: {
					code,
					description: `${method}: ${cause.message}`,
					httpCode: cause.details.httpCode,
				},
				errorResponse: (failure.carriedOut
					? { mayHaveBeenCarriedOut: method }
					: { mayHaveBeenCreated: method }) as JsonObject,
			};
		}
		case 'limitWait': {
			const message =
				failure.behind === undefined
					? `Not sent: the portal's request limit would hold this call for ${formatSeconds(failure.waitMs)}, longer than Max Wait for Limits allows (${formatSeconds(failure.maxWaitMs)})`
					: `Not sent: this call waited ${formatSeconds(failure.waitMs)} behind ${failure.behind} requests to the portal still on their way, and Max Wait for Limits allows ${formatSeconds(failure.maxWaitMs)}`;
			return {
				message,
				hint: `Other calls to this portal are waiting for its request limit (${failure.perSecond} per second) or its answers. Raise Options → Max Wait for Limits, turn Batch Requests on, or run fewer executions at once.`,
				failureCause: { cause: 'rate-limited' as const, retryAfterMs: failure.waitMs },
				details: { code: 'QUERY_LIMIT_EXCEEDED', description: message, httpCode: null },
				errorResponse: { limitWaitMs: failure.waitMs } as JsonObject,
			};
		}
		case 'cancelled': {
			const message = failure.inFlight
				? 'Stopped: the execution was cancelled while this call was on its way to Bitrix24'
				: 'Not sent: the execution was cancelled while this call waited for its turn';
			return {
				message,
				hint: failure.inFlight
					? 'Bitrix24 may have carried the call out: check in Bitrix24 before running this item again.'
					: 'Nothing was sent to Bitrix24 for this call.',
				failureCause: undefined,
				details: { code: 'CANCELLED', description: message, httpCode: null },
				errorResponse: { cancelled: true } as JsonObject,
			};
		}
		case 'notRun': {
			const message = 'Not carried out: the run stopped at an earlier item that failed';
			return {
				message,
				hint: 'Bitrix24 stopped the batch at the failing item, as the node stops the run there. Nothing was done for this item.',
				failureCause: undefined,
				details: { code: 'NOT_CARRIED_OUT', description: message, httpCode: null },
				errorResponse: { notRun: true } as JsonObject,
			};
		}
		case 'unexpectedAnswer': {
			return {
				message: `Bitrix24 answered ${failure.method} with an unexpected result: ${failure.problem}`,
				hint:
					`Expected ${failure.expected}. The portal reported success, but its answer is not in the form ` +
					'the method documents, so the node cannot tell what happened. If the call changes data ' +
					'(an upload or a delete), check in Bitrix24 whether it was carried out before running again.',
				failureCause: undefined,
				details: {
					code: 'UNEXPECTED_ANSWER',
					description: `${failure.problem}; expected ${failure.expected}`,
					httpCode: null,
				},
				errorResponse: { unexpectedAnswer: failure.method } as JsonObject,
			};
		}
		case 'network': {
			const { message, hint } = describeNetwork(failure.code, failure.host, timeoutMs);
			return {
				message,
				hint,
				failureCause: { cause: 'temporarily-unavailable' as const },
				details: { code: failure.code, description: message, httpCode: null },
				// No `code` key here: n8n would swap our message for its generic one.
				errorResponse: { networkError: failure.code } as JsonObject,
			};
		}
	}
}

type RefusedFile = Extract<
	CallFailure,
	{ kind: 'noFileUrl' | 'fileElsewhere' | 'fileNotImage' | 'fileTooLarge' }
>;

/** A file the node would not fetch or keep: said with the item, as the node itself decided it. */
function describeRefusedFile(failure: RefusedFile, itemIndex: number) {
	const { message, hint, code, description } = refusedFileText(failure);
	return {
		message: ofItem(message, itemIndex),
		hint,
		failureCause: { cause: 'configuration-invalid' as const },
		details: { code, description, httpCode: null },
		errorResponse: { fileRefused: code } as JsonObject,
	};
}

function refusedFileText(failure: RefusedFile) {
	const file = `"${failure.file}"`;
	switch (failure.kind) {
		case 'noFileUrl':
			return {
				message: `Bitrix24 gave no file address (detailUrl) for the image ${file}`,
				hint: "The portal's answer holds no path to the image's file, so there is nothing to download. Nothing was requested.",
				code: 'NO_DETAIL_URL',
				description: failure.file,
			};
		case 'fileElsewhere': {
			const how = failure.redirected ? 'the portal redirected it to' : 'its address points to';
			return {
				message: `The file of the image ${file} is not on the portal: ${how} ${failure.target}`,
				hint: `For safety the node downloads only from the portal in the credential (${failure.portal}) and follows redirects only within it. Nothing was fetched from ${failure.target}.`,
				code: 'FILE_NOT_ON_PORTAL',
				description: failure.target,
			};
		}
		case 'fileNotImage':
			if (failure.what === 'file') {
				return {
					message: `The file ${file} did not come: the portal answered with ${failure.contentType ? `a ${failure.contentType} page` : 'something of no known type'} instead`,
					hint: 'The portal answered with a page (such as a login or error page) instead of the file. Check the credential and that the file still exists.',
					code: 'FILE_NOT_SERVED',
					description: failure.contentType,
				};
			}
			return {
				message: `The file of the image ${file} is not an image: the portal served it ${failure.contentType ? `as ${failure.contentType}` : 'without a type'}`,
				hint: 'The portal answered with something other than the picture, such as a login or error page. Check that the portal serves its upload folder publicly.',
				code: 'FILE_NOT_IMAGE',
				description: failure.contentType,
			};
		case 'fileTooLarge': {
			const megabytes = failure.maxBytes / 1024 / 1024;
			const what = failure.what === 'file' ? `The file ${file}` : `The file of the image ${file}`;
			return {
				message: `${what} is larger than the ${megabytes} MB this node downloads`,
				hint: `The node stops reading a file past ${megabytes} MB and keeps none of it. Make the ${failure.what ?? 'image'} smaller in Bitrix24.`,
				code: 'FILE_TOO_LARGE',
				description: String(failure.maxBytes),
			};
		}
	}
}

function describeNetwork(code: string, host: string | undefined, timeoutMs: number | undefined) {
	const where = host ? ` at ${host}` : '';
	switch (code) {
		case 'ETIMEDOUT':
			return {
				message:
					timeoutMs === undefined
						? 'Bitrix24 did not answer in time'
						: `Bitrix24 did not answer within ${formatSeconds(timeoutMs)}`,
				hint: 'The portal is slow or unreachable. Run again, or raise Options → Timeout.',
			};
		case 'ECONNREFUSED':
			return {
				message: `Could not connect to the Bitrix24 portal${where}: the connection was refused`,
				hint: 'Check the portal address in the credential and that the portal is online.',
			};
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {
				message: `Could not find the Bitrix24 portal${where}: the host name does not resolve`,
				hint: 'Check the portal address in the credential for typos.',
			};
		case 'ECONNRESET':
			return {
				message: 'The connection to Bitrix24 closed before an answer arrived',
				hint: 'The request may or may not have been carried out. Check the result in Bitrix24, then run again.',
			};
		default:
			return {
				message: `Could not reach the Bitrix24 portal${where} (${code.toLowerCase()})`,
				hint: 'Check the portal address in the credential and the network between n8n and the portal.',
			};
	}
}

/** How often the portal refused a call the node then gave up on, and over how long. */
function triedText({ attempts, afterMs }: { attempts: number; afterMs: number }): string {
	const times = attempts === 1 ? 'once' : `${attempts} times`;
	return `Bitrix24 refused this call ${times} in ${formatSeconds(afterMs)}; the node then gave up, as Max Wait for Limits or its retries ran out.`;
}

function formatSeconds(ms: number): string {
	const seconds = Math.round(ms / 100) / 10;
	return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
