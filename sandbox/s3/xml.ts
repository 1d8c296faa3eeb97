import { XML_DECLARATION, xmlElement } from '../core/xml';
import type { SandboxResponse } from '../core/types';

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A 200 XML response with the S3 namespace on the root element. */
export function xmlResponse(root: string, inner: string, status = 200): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/xml' },
		body: `${XML_DECLARATION}<${root} xmlns="${S3_NS}">${inner}</${root}>`,
	};
}

export { xmlElement };

/** Inner XML (still escaped) of every `<name>…</name>` in a small request document. */
export function rawElements(xml: string, name: string): string[] {
	const out: string[] = [];
	const re = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g');
	for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
	return out;
}

/** Text of every `<name>…</name>` (DeleteObjects, CreateBucketConfiguration). */
export function elementTexts(xml: string, name: string): string[] {
	return rawElements(xml, name).map(unescapeXml);
}

export function unescapeXml(text: string): string {
	return text.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
		switch (entity) {
			case 'lt':
				return '<';
			case 'gt':
				return '>';
			case 'amp':
				return '&';
			case 'apos':
				return "'";
			case 'quot':
				return '"';
		}
		return String.fromCodePoint(
			entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
		);
	});
}
