// The part of autocannon's API that the benchmark uses (autocannon ships no types).
declare module "autocannon" {
  namespace autocannon {
    /** An hdr-histogram summary; latency values are in milliseconds. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      sent?: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
      [percentile: string]: number | undefined;
    }

    interface Result {
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      "1xx": number;
      "2xx": number;
      "3xx": number;
      "4xx": number;
      "5xx": number;
      /** Seconds. */
      duration: number;
      start: Date;
      finish: Date;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined;
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      amount?: number;
      overallRate?: number;
      connectionRate?: number;
      /** Seconds. */
      timeout?: number;
      pipelining?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: Request[];
      ignoreCoordinatedOmission?: boolean;
    }

    /** An event emitter that is also a thenable of the result. */
    interface Instance extends PromiseLike<Result> {
      stop(): void;
      /** every response; `ms` is the response time with sub-millisecond precision */
      on(
        event: "response",
        listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
      ): Instance;
      catch(onRejected: (error: unknown) => void): Promise<Result | undefined>;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
