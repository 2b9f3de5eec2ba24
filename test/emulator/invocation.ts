import type { Caller } from './auth';
import { Bitrix24Error, type ErrorSettings, systemError } from './errors';
import { faultError, type FaultQueue } from './faults';
import {
	type CommandOutcome,
	isAvailableTo,
	MethodReply,
	type MethodRegistry,
} from './methods/registry';
import type { OperatingTime } from './operatingTime';
import { type Params, type PhpInputLimits, textParam } from './params';
import type { Portal } from './portal';
import { nowSeconds } from './time';

/** What running a method needs besides the call itself. */
export interface InvocationDependencies {
	portal: Portal;
	registry: MethodRegistry;
	settings: ErrorSettings;
	operating: OperatingTime;
	/** Batch commands meet the faults aimed at them here. */
	faults: FaultQueue;
	/** PHP's input limits, as the portal's PHP is set up. */
	phpInput: PhpInputLimits;
}

/** One method call by an authenticated caller. */
export interface Invocation {
	caller: Caller;
	method: string;
	params: Params;
	/** `http://host:port` the request was addressed to. */
	origin: string;
}

/** Operating time adds up per webhook, or per app for OAuth (this portal has one app). */
function operatingCaller(caller: Caller): string {
	return caller.via === 'webhook' ? `webhook:${caller.user.id}:${caller.token}` : 'oauth:app';
}

// The token travels beside the method's parameters; the method never sees it.
function withoutAuth(params: Params): Params {
	const rest = { ...params };
	delete rest.auth;
	delete rest.auth_connector;
	return rest;
}

// Inside a batch the portal names the missing scope and gives no text (REST docs, batch.md).
function commandScopeError(settings: ErrorSettings): Bitrix24Error {
	return new Bitrix24Error(
		systemError('insufficient_scope', settings).status,
		'insufficient_scope',
		'',
	);
}

/** A method's own error names the method, whose family decides the code's JSON type. */
function answeredBy(error: unknown, method: string): unknown {
	if (error instanceof Bitrix24Error) error.method ??= method;
	return error;
}

async function invoke(
	{ caller, method: name, params, origin }: Invocation,
	dependencies: InvocationDependencies,
	asCommand: boolean,
): Promise<CommandOutcome> {
	const { portal, registry, settings, operating, phpInput } = dependencies;
	const method = registry.find(name);
	if (!method) throw systemError('ERROR_METHOD_NOT_FOUND', settings);
	if (!isAvailableTo(method, caller.scopes)) {
		throw asCommand ? commandScopeError(settings) : systemError('insufficient_scope', settings);
	}
	const operatingKey = operatingCaller(caller);
	if (operating.isBlocked(operatingKey, method.name, nowSeconds())) {
		throw systemError('OPERATION_TIME_LIMIT', settings);
	}
	const runCommand = async (command: string, commandParams: Params): Promise<CommandOutcome> =>
		await invokeCommand({ caller, method: command, params: commandParams, origin }, dependencies);
	// An app's `auth_connector` travels with its auth, read from the query and the body alike
	// ('' without one); a batch's commands run under the batch's, whatever their own query says
	// (`modules/rest/lib/oauth/auth.php`, Auth::onRestCheckAuth; `classes/general/rest_provider.php`,
	// CRestProvider::methodsBatch). A webhook's call is no app's.
	const { callerConnector } = portal.events.offline;
	const connector =
		caller.via !== 'oauth'
			? undefined
			: asCommand
				? callerConnector.getStore()
				: (textParam(params, 'auth_connector') ?? '');
	const outcome: unknown = await Promise.resolve()
		.then(() =>
			callerConnector.run(connector, () =>
				method.handler({
					params: caller.via === 'oauth' ? withoutAuth(params) : params,
					caller,
					portal,
					registry,
					origin,
					settings,
					phpInput,
					runCommand,
				}),
			),
		)
		.catch((error: unknown) => Promise.reject(answeredBy(error, method.name)));
	const reply = outcome instanceof MethodReply ? outcome : new MethodReply(outcome);
	// A batch's commands count to their own methods, not to `batch` (REST docs, limits.md).
	const finishedAt = nowSeconds();
	operating.charge(operatingKey, method.name, operating.cost(method.name), finishedAt);
	return { reply, operating: operating.fields(operatingKey, method.name, finishedAt) };
}

/** A batch command: a fault aimed at it stands in for it; otherwise it runs like a single call. */
async function invokeCommand(
	invocation: Invocation,
	dependencies: InvocationDependencies,
): Promise<CommandOutcome> {
	const { faults, settings } = dependencies;
	// Fault names match in any letter case, as registry names do: the name as called will do.
	const fault = faults.takeInBatch(invocation.method);
	if (fault) throw faultError(fault, settings);
	return invoke(invocation, dependencies, true);
}

/**
 * Runs a method for an authenticated caller: finds it, checks its scope and operating time, runs
 * it and counts its time. Throws `Bitrix24Error` for answers that are errors.
 */
export function invokeMethod(
	invocation: Invocation,
	dependencies: InvocationDependencies,
): Promise<CommandOutcome> {
	return invoke(invocation, dependencies, false);
}
