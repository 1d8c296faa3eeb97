/**
 * One value per node execution, made on first use. It is keyed by n8n's per-run context object,
 * so it lives exactly as long as that execution and every item of a batch shares it. A promise
 * that fails is not kept: the next call (the next item) makes a new one.
 */
export function perExecution<C extends object, T>(create: (context: C) => T): (context: C) => T {
	const values = new WeakMap<C, T>();
	return (context) => {
		if (values.has(context)) return values.get(context) as T;
		const value = create(context);
		values.set(context, value);
		if (value instanceof Promise)
			value.catch(() => {
				if (values.get(context) === value) values.delete(context);
			});
		return value;
	};
}
