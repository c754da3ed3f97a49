// Calls to the service under /api. Every error becomes an ApiProblem with the service's stable code, so pages
// translate the code and never show the service's English title.
import { bearerToken } from "./session";

/** Where a signed-in call's token comes from: the applicant's session, or the staff console's (useTokenSource). */
let tokenSource: () => Promise<string | null> = bearerToken;

export function useTokenSource(source: () => Promise<string | null>): void {
  tokenSource = source;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: Record<string, string[]> = {},
    readonly retryAfterSeconds: number | null = null,
    readonly serverTitle = "",
  ) {
    super(code);
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  retryAfterSeconds: number | null;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the signed-in person's bearer token. */
  signedIn?: boolean;
}

export function retryAfter(headers: Headers): number | null {
  const value = headers.get("Retry-After");
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}

export async function send(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.signedIn) {
    const token = await tokenSource();
    if (token === null) throw new ApiProblem(401, "unauthenticated");
    headers.Authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiProblem(0, "network");
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> {
  const response = await send(method, path, options);
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    retryAfterSeconds: retryAfter(response.headers),
  };
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: { code?: unknown; errors?: unknown; title?: unknown } = {};
  try {
    body = await response.json();
  } catch {
    // Not problem+json (a proxy's page, say): the status alone must do.
  }
  const code = typeof body.code === "string" ? body.code : `http-${response.status}`;
  const errors = body.errors && typeof body.errors === "object" ? (body.errors as Record<string, string[]>) : {};
  return new ApiProblem(response.status, code, errors, retryAfter(response.headers),
    typeof body.title === "string" ? body.title : "");
}
