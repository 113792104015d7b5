/** Driving the pages like a browser without one: cookies carried along, CSRF tokens read from forms. */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";

export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of [res.headers["set-cookie"]].flat()) {
      if (typeof c !== "string") continue;
      const [pair = ""] = c.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ url, headers: { cookie: this.cookieHeader, ...headers } }));
  }

  async post(url: string, fields: Record<string, string>) {
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: { cookie: this.cookieHeader, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /** Posts one of a case page's action forms, with the page's CSRF token, as a person would. */
  async command(caseId: string, command: string, fields: Record<string, string> = {}) {
    const token = WebClient.token((await this.get(`/cases/${caseId}`)).body);
    return this.post(`/cases/${caseId}/commands/${command}`, { _csrf: token, ...fields });
  }

  /** The CSRF token of the first form on a page. */
  static token(html: string): string {
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  }

  async signIn(email: string, password: string) {
    const form = await this.get("/sign-in");
    return this.post("/sign-in", { _csrf: WebClient.token(form.body), email, password, next: "/work" });
  }
}
