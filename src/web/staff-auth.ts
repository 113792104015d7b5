/** The signed-in staff person of a page request, from the session cookie. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { type StaffActor, sessionActor } from "../app/staff-session.js";

export const SESSION_COOKIE = "klara_session";
/** the signed CSRF secret of @fastify/csrf-protection (double submit) */
export const CSRF_COOKIE = "klara_csrf";

const actors = new WeakMap<FastifyRequest, StaffActor>();

export function actorOf(request: FastifyRequest): StaffActor {
  const actor = actors.get(request);
  if (!actor) throw new Error("staff page without a signed-in person");
  return actor;
}

/** A preHandler: the signed-in person, or a redirect to sign-in that comes back here. */
export function requireSignIn(deps: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await sessionActor(deps, token) : null;
    if (!actor) {
      const next = encodeURIComponent(request.url);
      return reply.redirect(`/sign-in?next=${next}`, 303);
    }
    actors.set(request, actor);
  };
}

/**
 * A new CSRF secret (its cookie is set on this reply), so that a token read before sign-in or
 * sign-out, by a script on a shared computer or from a cached page, no longer works after it.
 */
export function rotateCsrf(request: FastifyRequest, reply: FastifyReply): void {
  delete request.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}

const LOCAL = "http://klara.invalid";

/**
 * Only local paths, so the sign-in form cannot send anyone elsewhere: printable ASCII only (no
 * tab, CR/LF or other control characters, no Unicode look-alikes of the slash), no backslash, not
 * `//`, and the path must resolve on this site. Anything else goes to "my work".
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/work";
  if (!/^\/[\x21-\x7e]*$/.test(next) || next.includes("\\") || next.startsWith("//")) return "/work";
  try {
    const url = new URL(next, LOCAL);
    if (url.origin !== LOCAL) return "/work";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/work";
  }
}
