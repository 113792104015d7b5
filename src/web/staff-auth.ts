/** The signed-in staff person of a page request, from the session cookie. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { type StaffActor, sessionActor } from "../app/staff-session.js";

export const SESSION_COOKIE = "klara_session";

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

/** Only local paths, so the sign-in form cannot send anyone elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/work";
}
