import { systemError } from '../errors';
import { LOCAL_APP_ID } from '../oauthApp';
import { isAvailableTo, type MethodTable } from './registry';

/** Basic methods every caller may use, whatever its scopes: scope, method.get, app.info, profile. */
export const basicMethods: MethodTable = {
	scope: {
		handler: ({ caller }) => [...caller.scopes],
	},

	'method.get': {
		handler: ({ params, caller, registry }) => {
			const method = typeof params.name === 'string' ? registry.find(params.name) : undefined;
			return {
				isExisting: method !== undefined,
				isAvailable: method !== undefined && isAvailableTo(method, caller.scopes),
			};
		},
	},

	// Only the OAuth app is modelled: what a portal answers a webhook here is not documented.
	'app.info': {
		handler: ({ caller, portal, settings }) => {
			if (caller.via !== 'oauth') throw systemError('WRONG_AUTH_TYPE', settings);
			return {
				ID: 1,
				CODE: LOCAL_APP_ID,
				VERSION: 1,
				STATUS: 'L',
				INSTALLED: portal.events.appInstalled,
				PAYMENT_EXPIRED: 'N',
				DAYS: null,
			};
		},
	},

	profile: {
		handler: ({ caller: { user } }) => ({
			ID: String(user.id),
			ADMIN: user.admin,
			NAME: user.name,
			LAST_NAME: user.lastName,
			PERSONAL_GENDER: user.gender,
			TIME_ZONE: '',
			TIME_ZONE_OFFSET: 0,
		}),
	},
};
