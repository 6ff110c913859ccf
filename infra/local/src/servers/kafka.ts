import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCommands } from '../debian.ts';
import { probeKafka } from '../probes.ts';
import { isAlive, readPid, removeFile, run, startDaemon, stopProcess, tail } from '../process.ts';
import { hostPort, logFileOf, pidFileOf, serverDir, type LocalServer, type ServerContext } from '../server.ts';
import { waitFor } from '../wait.ts';

/** The newest 4.x that @platformatic/kafka is tested against and Maven Central serves whole. */
export const kafkaVersion = '4.2.1';

export const kafka: LocalServer = {
  name: 'kafka',
  title: `Apache Kafka ${kafkaVersion} (KRaft, one broker+controller)`,
  needs: [],
  probe: (context) => probeKafka(context.settings.kafkaBrokers),

  async install(context) {
    await ensureCommands(
      [
        { command: 'java', debianPackage: 'openjdk-17-jre-headless' },
        { command: 'mvn', debianPackage: 'maven' },
        // kcat: Debian's Kafka client, which tests use to read what our client wrote.
        { command: 'kcat', debianPackage: 'kcat' },
      ],
      context.log,
    );
    const lib = libDir(context);
    if (existsSync(join(lib, '.complete'))) return;
    context.log(`kafka: resolving Apache Kafka ${kafkaVersion} jars from Maven Central (once; cached in ${lib})`);
    const partial = `${lib}.partial`;
    rmSync(partial, { recursive: true, force: true });
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      join(context.paths.root, 'infra/local/kafka/pom.xml'),
      `-Dkafka.version=${kafkaVersion}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${partial}`,
      '-DincludeScope=runtime',
    ]);
    writeFileSync(join(partial, '.complete'), `${new Date().toISOString()}\n`);
    rmSync(lib, { recursive: true, force: true });
    renameSync(partial, lib);
  },

  async start(context) {
    const dir = serverDir(context, 'kafka');
    const logDirs = join(dir, 'data');
    mkdirSync(logDirs, { recursive: true });
    const { port } = hostPort(context.settings.kafkaBrokers[0] ?? '127.0.0.1:9092', 9092);
    const properties = join(dir, 'server.properties');
    writeFileSync(properties, serverProperties(port, logDirs));
    const log4j = join(dir, 'log4j2.properties');
    writeFileSync(log4j, log4jProperties(join(dir, 'kafka.log')));
    const java = ['-cp', `${libDir(context)}/*`, `-Dlog4j2.configurationFile=${log4j}`];
    if (!existsSync(join(logDirs, 'meta.properties'))) {
      context.log('kafka: formatting KRaft storage');
      // A Kafka cluster id is 16 random bytes in URL-safe base64.
      const clusterId = randomBytes(16).toString('base64url');
      await run('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties]);
    }
    const pid = startDaemon(
      'java',
      [
        '-Xms256m',
        '-Xmx1g',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        ...java,
        'kafka.Kafka',
        properties,
      ],
      { logFile: logFileOf(context, 'kafka'), pidFile: pidFileOf(context, 'kafka') },
    );
    await waitFor(async () => (await kafka.probe(context)).ok, {
      what: 'Kafka',
      timeoutMs: 120_000,
      abandonIf: () =>
        isAlive(pid)
          ? undefined
          : `exited; its log says:\n${tail(logFileOf(context, 'kafka'))}\n${tail(join(dir, 'kafka.log'))}`,
    });
  },

  async stop(context) {
    const pidFile = pidFileOf(context, 'kafka');
    const pid = readPid(pidFile);
    if (pid === undefined) return;
    // SIGTERM runs Kafka's controlled shutdown: it flushes logs and hands partitions over.
    await stopProcess(pid, 'Kafka', { timeoutMs: 60_000 });
    removeFile(pidFile);
  },
};

function libDir(context: ServerContext): string {
  return join(context.paths.cache, `kafka-${kafkaVersion}`, 'lib');
}

function serverProperties(port: number, logDirs: string): string {
  const controllerPort = port + 1;
  return `# Written by infra/local on every start: one node that is both broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${logDirs}
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=12
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
delete.topic.enable=true
`;
}

function log4jProperties(file: string): string {
  return `status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${file}
appender.file.filePattern = ${file}.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
`;
}
