/** Minimal XML helpers for the S3 (restXml) and STS (awsQuery) wire formats. */

/** Escapes element text the way S3 does (quotes too, as in `<ETag>&quot;…&quot;</ETag>`; apostrophes stay). */
export function escapeXml(value: string): string {
	return value.replace(/[<>&"]/g, (ch) => XML_ENTITIES[ch]);
}

const XML_ENTITIES: Record<string, string> = {
	'<': '&lt;',
	'>': '&gt;',
	'&': '&amp;',
	'"': '&quot;',
};

/** `<name>escaped value</name>`, or nothing when the value is undefined. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
	return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
