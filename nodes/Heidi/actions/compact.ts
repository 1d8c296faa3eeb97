import type { IDataObject } from 'n8n-workflow';

/** Drops empty strings and undefined, so optional fields the user left blank are not sent. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	) as IDataObject;
}
