// The registry's HTTP API: GET <baseUrl>/vehicles/<plate> with the API key in a header,
// answered by 200 and the record, or 404 when the plate is unknown. Every call has a
// deadline, so a slow registry costs at most `timeoutMs`.
import { z } from 'zod';
import { RegistryAnswerInvalid, RegistryUnavailable, type VehicleRegistry } from '../port.js';
import { describeIssues, RegistryRecordSchema, type RegistryRecord } from '../registry-record.js';

export interface HttpRegistryOptions {
  baseUrl: string;
  apiKey: string;
  apiKeyHeader: string;
  timeoutMs: number;
}

// Registries wrap their answer in an envelope of their own; we read only what we need.
const AnswerSchema = RegistryRecordSchema.extend({ plate: z.string().optional() });

export class HttpRegistry implements VehicleRegistry {
  constructor(private readonly options: HttpRegistryOptions) {}

  async lookUp(plate: string): Promise<RegistryRecord | null> {
    const url = new URL(`vehicles/${encodeURIComponent(plate)}`, withTrailingSlash(this.options.baseUrl));
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', [this.options.apiKeyHeader]: this.options.apiKey },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new RegistryUnavailable(
        timedOut ? `registry did not answer within ${this.options.timeoutMs} ms` : `registry unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new RegistryUnavailable(`registry answered ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      // 401/403/400: our request or key is wrong; no retry will mend it, but it is not the plate's fault either.
      throw new RegistryUnavailable(`registry refused the request: ${response.status}`);
    }
    const body = await this.readJson(response);
    const parsed = AnswerSchema.safeParse(body);
    if (!parsed.success) throw new RegistryAnswerInvalid(`registry answer for ${plate} is invalid: ${describeIssues(parsed.error)}`);
    const { vehicle, owner } = parsed.data;
    return { vehicle, owner };
  }

  private async readJson(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      // A body cut off by the deadline is the registry being slow, not a malformed answer.
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new RegistryUnavailable(`registry did not answer within ${this.options.timeoutMs} ms`, { cause: error });
      }
      throw new RegistryAnswerInvalid(`registry answer is not JSON: ${(error as Error).message}`);
    }
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
