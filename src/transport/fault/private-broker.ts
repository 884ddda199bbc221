// A Kafka broker of a test's own, run from the jars scripts/services/kafka.sh installed,
// on free loopback ports with its data in a temporary folder, so that a fault test may
// stop and restart it without disturbing the shared broker other tests use.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portOpen } from '../../../test/support/free-port.js';

export class PrivateBroker {
  private process: ChildProcess | undefined;

  private constructor(
    private readonly libs: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  static async create(libs: string): Promise<PrivateBroker> {
    if (!existsSync(libs)) throw new Error(`Kafka jars missing at ${libs}: run bash scripts/services/up.sh kafka first`);
    const dir = mkdtempSync(join(tmpdir(), 'roadledger-broker-'));
    const [port, controllerPort] = [await freePort(), await freePort()];
    writeFileSync(
      join(dir, 'server.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${join(dir, 'data')}`,
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=3',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'log4j2.properties'), 'status = error\nrootLogger.level = OFF\n');
    const clusterId = randomBytes(16).toString('base64url');
    // `--cluster-id=<id>` as one argument: an id starting with '-' (one in 32) would be taken for an option.
    const format = spawnSync(
      'java',
      [...jvm(dir, '-Xmx256m'), '-cp', `${libs}/*`, 'kafka.tools.StorageTool', 'format', '--standalone', `--cluster-id=${clusterId}`, '-c', join(dir, 'server.properties')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr}`);
    return new PrivateBroker(libs, dir, port);
  }

  async start(): Promise<void> {
    this.process = spawn('java', [...jvm(this.dir, '-Xmx384m'), '-cp', `${this.libs}/*`, 'kafka.Kafka', join(this.dir, 'server.properties')], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 90_000;
    while (!(await portOpen(this.port))) {
      if (this.process.exitCode !== null) throw new Error(`the private broker exited with ${this.process.exitCode}`);
      if (Date.now() > deadline) throw new Error(`the private broker did not open port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM is Kafka's controlled shutdown; SIGKILL is a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function jvm(dir: string, heap: string): string[] {
  return [heap, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`];
}
