import { readdirSync, readFileSync } from 'node:fs';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseClinic } from '../../src/model/parseVisit.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The Kubernetes manifests in deploy/kubernetes/ are valid objects by Kubernetes' own
 * schemas (kubernetes-models validates against the API's OpenAPI definitions), and
 * they fit the service: the probes ask a path the service answers without a token, on
 * the port it listens on, and every name one object gives another is the one it has.
 */
const dir = new URL('../../deploy/kubernetes/', import.meta.url);

interface Manifest {
  readonly file: string;
  readonly kind: string;
  readonly body: Record<string, unknown>;
}

const manifests: Manifest[] = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, dir), 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const body = doc.toJS() as Record<string, unknown>;
      return { file, kind: String(body['kind']), body };
    }),
  );

const models = {
  Deployment: (b: Record<string, unknown>) => new Deployment(b as ConstructorParameters<typeof Deployment>[0]),
  Service: (b: Record<string, unknown>) => new Service(b as ConstructorParameters<typeof Service>[0]),
  HorizontalPodAutoscaler: (b: Record<string, unknown>) => new HorizontalPodAutoscaler(b as ConstructorParameters<typeof HorizontalPodAutoscaler>[0]),
  ConfigMap: (b: Record<string, unknown>) => new ConfigMap(b as ConstructorParameters<typeof ConfigMap>[0]),
  Secret: (b: Record<string, unknown>) => new Secret(b as ConstructorParameters<typeof Secret>[0]),
} as const;

function only<K extends keyof typeof models>(kind: K): ReturnType<(typeof models)[K]> {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return models[kind]((found[0] as Manifest).body) as ReturnType<(typeof models)[K]>;
}

describe('the Kubernetes manifests', () => {
  it('are each a kind this test knows, valid by the Kubernetes API schemas', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Secret', 'Service']);
    for (const m of manifests) {
      const model = models[m.kind as keyof typeof models](m.body);
      expect(() => model.validate(), m.file).not.toThrow();
    }
  });

  it('refuses a broken object, so the validation above can fail', () => {
    const deployment = manifests.find((m) => m.kind === 'Deployment') as Manifest;
    const broken = structuredClone(deployment.body) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => models.Deployment(broken).validate()).toThrow();
  });

  describe('fit the service', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => server.close());

    it('probe a path the service answers 200 without a token, on the port it is told to listen on', async () => {
      const deployment = only('Deployment');
      const container = deployment.spec?.template.spec?.containers[0];
      if (container === undefined) throw new Error('no container');
      const args = container.args ?? [];
      const port = Number(args[args.indexOf('--port') + 1]);
      const named = container.ports?.find((p) => p.name === 'http');
      expect(named?.containerPort).toBe(port);
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe?.httpGet?.port).toBe('http');
        const path = probe?.httpGet?.path ?? '';
        const answer = await server.app.inject({ method: 'GET', url: path });
        expect(answer.statusCode, path).toBe(200);
      }
      expect(container.env?.find((e) => e.name === 'MALLOC_ARENA_MAX')?.value).toBe('1');
      expect(container.resources?.limits?.['memory']).toBeDefined();
      expect(container.resources?.requests?.['cpu']).toBeDefined();
    });

    it('name each other as they are named: Service, autoscaler, ConfigMap and Secret', () => {
      const deployment = only('Deployment');
      const podLabels = deployment.spec?.template.metadata?.labels ?? {};
      const service = only('Service');
      for (const [key, value] of Object.entries(service.spec?.selector ?? {})) expect(podLabels[key]).toBe(value);
      expect(service.spec?.ports?.[0]?.targetPort).toBe('http');

      const hpa = only('HorizontalPodAutoscaler');
      expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata?.name });

      const configMap = only('ConfigMap');
      const volume = deployment.spec?.template.spec?.volumes?.find((v) => v.configMap !== undefined);
      expect(volume?.configMap?.name).toBe(configMap.metadata?.name);
      const container = deployment.spec?.template.spec?.containers[0];
      const mount = container?.volumeMounts?.find((m) => m.name === volume?.name);
      const args = container?.args ?? [];
      const clinicPath = args[args.indexOf('--clinic') + 1] ?? '';
      expect(clinicPath.startsWith(`${mount?.mountPath}/`)).toBe(true);
      const clinicFile = clinicPath.slice(`${mount?.mountPath}/`.length);
      expect(() => parseClinic(JSON.parse(configMap.data?.[clinicFile] ?? 'null'))).not.toThrow();

      const secret = only('Secret');
      const tokenRef = container?.env?.find((e) => e.name === 'CAREPRINT_TOKENS')?.valueFrom?.secretKeyRef;
      expect(tokenRef?.name).toBe(secret.metadata?.name);
      expect(Object.keys(secret.stringData ?? {})).toContain(tokenRef?.key);
    });
  });
});
