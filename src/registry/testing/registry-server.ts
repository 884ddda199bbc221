// A real HTTP registry for the tests (node:http on 127.0.0.1, a free port): it answers
// each plate as told — a record, 404, a 500, a slow answer, or a malformed one — checks
// the API key, and counts the requests it received per plate.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegistryRecord } from '../registry-record.js';

export type PlateBehaviour =
  | { answer: 'record'; record: RegistryRecord; delayMs?: number }
  | { answer: 'unknown' }
  | { answer: 'error'; status?: number }
  | { answer: 'body'; body: unknown };

export const API_KEY = 'test-registry-key';

export class RegistryServer {
  readonly requests = new Map<string, number>();
  private readonly behaviours = new Map<string, PlateBehaviour>();
  private readonly server: Server;
  private readonly pending = new Set<ServerResponse>();

  private constructor() {
    this.server = createServer((request, response) => this.answer(request, response));
  }

  static async start(): Promise<RegistryServer> {
    const registry = new RegistryServer();
    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));
    return registry;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1`;
  }

  on(plate: string, behaviour: PlateBehaviour): this {
    this.behaviours.set(plate, behaviour);
    return this;
  }

  calls(plate: string): number {
    return this.requests.get(plate) ?? 0;
  }

  async stop(): Promise<void> {
    for (const response of this.pending) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const match = /^\/api\/v1\/vehicles\/([^/?]+)$/.exec(request.url ?? '');
    if (!match?.[1]) return this.json(response, 400, { error: `unexpected path ${request.url}` });
    const plate = decodeURIComponent(match[1]);
    this.requests.set(plate, this.calls(plate) + 1);
    if (request.headers['x-api-key'] !== API_KEY) return this.json(response, 401, { error: 'bad api key' });
    const behaviour = this.behaviours.get(plate) ?? { answer: 'unknown' };
    switch (behaviour.answer) {
      case 'record': {
        const send = () => this.json(response, 200, { plate, ...behaviour.record, source: 'test registry' });
        if (!behaviour.delayMs) return send();
        this.pending.add(response);
        const timer = setTimeout(() => {
          this.pending.delete(response);
          if (!response.destroyed) send();
        }, behaviour.delayMs);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      case 'unknown':
        return this.json(response, 404, { error: 'no such plate' });
      case 'error':
        return this.json(response, behaviour.status ?? 500, { error: 'registry failure' });
      case 'body':
        return this.json(response, 200, behaviour.body);
    }
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** A record with fictitious defaults; a test names only what it is about. */
export function registryRecord(owner: Partial<RegistryRecord['owner']> = {}): RegistryRecord {
  return {
    vehicle: { make: 'Toyota', model: 'Corolla', colour: 'silver', year: 2018 },
    owner: { name: 'Test Owner Zulu (fictitious)', documentType: 'DNI', documentNumber: '99990001', ...owner },
  };
}
