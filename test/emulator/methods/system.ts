import { isAvailableTo, type MethodTable } from './registry';

/** Basic methods every caller may use, whatever its scopes. */
export const systemMethods: MethodTable = {
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
