// Test support: a real RTSP camera (GStreamer's RTSP server, scripts/services/rtsp-server.py)
// that a test can stop and start again on the same port, to exercise reconnection.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../test/support/free-port.js';

const SERVER = fileURLToPath(new URL('../../../../scripts/services/rtsp-server.py', import.meta.url));

export class RtspCamera {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly file?: string,
  ) {}

  /** `file`: an MP4 (H.264) served once at its own pace instead of the test picture. */
  static async onFreePort(options: { file?: string } = {}): Promise<RtspCamera> {
    return new RtspCamera(await freePort(), options.file);
  }

  get url(): string {
    return `rtsp://127.0.0.1:${this.port}/cam`;
  }

  /** Starts serving and resolves once the server listens. */
  async start(): Promise<void> {
    const child = spawn('/usr/bin/python3', [SERVER, '--port', String(this.port), '--width', '640', '--height', '360', '--fps', '25', ...(this.file ? ['--file', this.file] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`RTSP server exited (${code}) before it was ready: ${stderr.slice(-500)}`)));
    });
  }

  /** Stops serving: connected readers see their stream end, new ones are refused. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

