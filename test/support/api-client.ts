/** A JSON client over real HTTP that keeps its session cookie, as a browser or an agency's script would. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  // `any`: tests read whatever the route answers and assert on its shape.
  body: T;
}

export class ApiClient {
  private cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  /** Sends this cookie from now on (to replay an old session, say). */
  useCookie(cookie: string | undefined): this {
    this.cookie = cookie;
    return this;
  }

  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('POST', path, body);
  }

  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('PATCH', path, body);
  }

  /** A GET whose answer is a file: its bytes as they came (and the JSON body, when it is an error instead). */
  async download(path: string): Promise<ApiResponse & { bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    let body: unknown;
    if (response.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(bytes.toString('utf8'));
    return { status: response.status, headers: response.headers, body, bytes };
  }

  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('PUT', path, body);
  }

  delete<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('DELETE', path);
  }

  /**
   * Sends `raw` as the body, unencoded: for malformed JSON. `redirect: 'manual'` answers a redirect itself (its
   * `location` header) rather than following it, as a test of a sign-in through a provider needs.
   */
  async request<T = any>(method: string, path: string, body?: unknown, options: { raw?: string; redirect?: 'manual' } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, redirect: options.redirect ?? 'follow' });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('concert.sid='));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
