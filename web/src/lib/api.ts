/** The REST API, same origin: JSON in and out, the session cookie sent by the browser. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
    /** The error's `details`: a 403 says why in `details.reason` and its parameters (src/common/refusals.ts). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', 'Concert cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await apiError(response);
  return (await response.json().catch(() => null)) as T;
}

/** The ApiError an error answer of the API says (its code, message, fields and details), for any fetch of it. */
export async function apiError(response: Response): Promise<ApiError> {
  const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: { fields?: string[] } & Record<string, unknown> } } | null;
  const error = payload?.error;
  return new ApiError(response.status, error?.code ?? 'error', error?.message ?? `The server answered ${response.status}.`, error?.details?.fields ?? [], error?.details ?? {});
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** `?a=1&b=x` from the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
