/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BROKEN_VARIANTS } from '../../examples/three-account-mesh/mesh';
import { meshDiagram } from '../../scripts/mesh-diagram';
import { formatMeshReport, MeshReport, runMeshReport } from '../../scripts/mesh-report';

function report(context: Record<string, unknown> = {}): MeshReport {
  return runMeshReport(mkdtempSync(join(tmpdir(), 'mesh-')), context);
}

describe('the example three-account mesh (the main job)', () => {
  let sound: MeshReport;
  let soundDir: string;
  beforeAll(() => {
    soundDir = mkdtempSync(join(tmpdir(), 'mesh-'));
    sound = runMeshReport(soundDir);
  });

  test('leaves no context to look up, so `cdk synth` writes it without AWS credentials', () => {
    const manifest = JSON.parse(readFileSync(join(soundDir, 'manifest.json'), 'utf-8'));
    expect(manifest.missing ?? []).toEqual([]);
  });

  test('synthesizes seven stacks in three distinct accounts and one Region', () => {
    expect(sound.stacks.map((s) => `${s.name}:${s.role}:${s.account}`)).toEqual([
      'MeshGovernance:governance:111111111111',
      'MeshProducer:producer:222222222222',
      'MeshConsumer:consumer:333333333333',
      'MeshProjects:governance:111111111111',
      'MeshProducerData:producer:222222222222',
      'MeshSubscriptions:governance:111111111111',
      'MeshConsumerApp:consumer:333333333333',
    ]);
    expect(new Set(sound.stacks.map((s) => s.region))).toEqual(new Set(['eu-west-1']));
  });

  test('has no finding from DataMeshChecks, AwsSolutionsChecks or the CloudFormation schema check', () => {
    expect(sound.findings).toEqual([]);
    expect(sound.errors).toBe(0);
  });

  test('counts each stack against CloudFormation\'s quotas and lists what the mesh defines', () => {
    const producerData = sound.stacks.find((s) => s.name === 'MeshProducerData')!;
    expect(producerData.resources).toBeLessThan(500);
    expect(producerData.inventory).toEqual(expect.objectContaining({ 'Lake Formation grants': 3, 'data sources': 1, 'registered locations': 1 }));
    expect(formatMeshReport(sound)).toMatch(/MeshConsumerApp {2}\[consumer, account 333333333333, eu-west-1\]/);
    expect(sound.stacks.find((s) => s.name === 'MeshSubscriptions')?.inventory).toEqual({ subscriptions: 2 });
  });

  test('binds two existing workloads of the consumer in its application stack: the function and a Glue job\'s role', () => {
    const app = sound.stacks.find((s) => s.name === 'MeshConsumerApp')!;
    expect(app.boundWorkloads).toEqual([
      expect.stringMatching(/^IAM role nightly_etl \(WorkloadBinding: DataZone grants it the subscribed tables, in Glue database mesh_[0-9a-f]{12}\)$/),
      'Lambda function consumer_function (ConsumerBinding: acts as the consumer project role through its exec wrapper)',
    ]);
    expect(app.inventory).toEqual(expect.objectContaining({ 'subscription targets': 1, 'bound functions (trust statements)': 1 }));
    expect(sound.stacks.filter((s) => s.name !== 'MeshConsumerApp').flatMap((s) => s.boundWorkloads)).toEqual([]);
    expect(formatMeshReport(sound)).toContain('    binds IAM role nightly_etl (WorkloadBinding');
    expect(formatMeshReport(sound)).toContain('    binds Lambda function consumer_function (ConsumerBinding');
  });

  test('authorizes the Glue job\'s own role on the consumer project\'s lakehouse environment, with the account\'s manage-access role', () => {
    const template = JSON.parse(readFileSync(join(sound.outdir, sound.stacks.find((s) => s.name === 'MeshConsumerApp')!.templateFile), 'utf8'));
    const targets = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::DataZone::SubscriptionTarget');
    expect(targets).toHaveLength(1);
    expect(targets[0].Properties).toMatchObject({
      AuthorizedPrincipals: ['arn:aws:iam::333333333333:role/nightly_etl'],
      Type: 'GlueSubscriptionTargetType',
      EnvironmentIdentifier: { 'Fn::GetAtt': [expect.stringMatching(/^CdkDataMeshProjectMember/), 'EnvironmentId'] },
    });
    expect(JSON.stringify(targets[0].Properties.ManageAccessRole)).toContain(':iam::333333333333:role/service-role/AmazonSageMakerManageAccess-');
  });

  test('publishes two tables, and its two subscriptions share one handler user and one membership per project', () => {
    const subscriptions = sound.stacks.find((s) => s.name === 'MeshSubscriptions')!;
    expect(subscriptions.resources).toBeLessThan(60);
    const template = JSON.parse(readFileSync(join(sound.outdir, readdirSync(sound.outdir).find((f) => /^MeshSubscriptions[0-9A-F]*\.template\.json$/.test(f))!), 'utf8'));
    const ofType = (type: string) => Object.values(template.Resources).filter((r: any) => r.Type === type) as any[];
    expect(ofType('Custom::ConsumerSubscription').map((r) => r.Properties.AssetName).sort()).toEqual(['birds', 'trees']);
    expect(ofType('AWS::DataZone::UserProfile')).toHaveLength(1);
    expect(ofType('AWS::DataZone::ProjectMembership')).toHaveLength(2);
  });

  test('draws the three accounts with the shares, profile targets, grants, subscription and binding', () => {
    const diagram = meshDiagram(sound);
    expect(diagram).toMatch(/^flowchart LR/);
    for (const account of ['governance account 111111111111', 'producer account 222222222222', 'consumer account 333333333333']) {
      expect(diagram).toContain(account);
    }
    expect(diagram).toMatch(/-\. "RAM share" \.-> acct_222222222222/);
    expect(diagram).toMatch(/-- "Tooling \+ Lakehouse Database" --> acct_333333333333/);
    expect(diagram).toMatch(/-- "SELECT\+DESCRIBE collections.trees" -->/);
    expect(diagram).toMatch(/-- "SELECT\+DESCRIBE collections.birds" -->/);
    expect(diagram).toMatch(/== "subscribes to trees" ==>/);
    expect(diagram).toMatch(/== "subscribes to birds" ==>/);
    expect(diagram).toMatch(/Function consumer_function \(unchanged\)/);
    expect(diagram).toMatch(/-- "subscription target: DataZone grants subscribed tables" --> MeshConsumerApp_WorkloadNightlyEtlTarget\w+_nightly_etl/);
    expect(diagram).toMatch(/Role nightly_etl \(unchanged\)/);
    expect(diagram).toMatch(/-- "CREATE_TABLE\+DESCRIBE mesh_[0-9a-f]{12}" --> MeshConsumerApp_manageaccess/);
    expect(diagram).toContain('MeshConsumerApp_manageaccess["DataZone manage-access role"]');
  });

  describe('refuses each broken variant at synth, with the rule\'s message', () => {
    test.each([
      ['single-az', ['DataMesh-BP2', 'DataMesh-VPC1'], /found 2 subnet\(s\) in 1 zone\(s\)/],
      ['no-tooling', ['DataMesh-BP3'], /found Tooling \('Tooling' of ProducerProfile[0-9A-F]+\): no blueprint configuration of account 222222222222 is enabled in eu-west-1/],
      ['v1-ram-permission', ['DataMesh-RAM1'], /found PermissionArns AWSRAMDefaultPermissionAmazonDataZoneDomain/],
      ['public-subnet', ['DataMesh-VPC2', 'DataMesh-VPC3'], /routes to an internet gateway/],
    ])('%s', (variant, rules, message) => {
      const broken = report({ break: variant });
      expect(broken.errors).toBeGreaterThan(0);
      expect([...new Set(broken.findings.map((f) => f.rule))].sort()).toEqual(rules);
      expect(broken.findings.map((f) => f.description).join('\n')).toMatch(message);
    });

    test('same-account', () => {
      expect(() => report({ break: 'same-account' })).toThrow(/governance, producer and consumer must be three distinct accounts/);
    });

    test('lists every variant it documents', () => {
      expect(Object.keys(BROKEN_VARIANTS)).toEqual(['single-az', 'same-account', 'no-tooling', 'v1-ram-permission', 'public-subnet']);
    });
  });
});

describe('the main job on a mesh file', () => {
  const file = join(__dirname, '..', '..', 'examples', 'mesh-file', 'mesh.yaml');

  test('synthesizes the file\'s two producers and two consumers, each stack with its account\'s role, with no finding', () => {
    const fromFile = report({ meshFile: file });
    expect(fromFile.accounts.map((a) => `${a.account}:${a.role.split(' ')[0]}`)).toEqual([
      '111111111111:governance', '222222222222:producer', '444444444444:producer', '333333333333:consumer', '555555555555:consumer',
    ]);
    expect(fromFile.stacks.map((s) => `${s.name}:${s.role}`)).toEqual([
      'MeshGovernance:governance', 'MeshProducerCollections:producer', 'MeshProducerSensors:producer', 'MeshConsumerAnalytics:consumer',
      'MeshConsumerResearch:consumer', 'MeshProjects:governance', 'MeshProducerDataCollections:producer', 'MeshProducerDataSensors:producer',
      'MeshSubscriptions:governance', 'MeshConsumerAppAnalytics:consumer',
    ]);
    expect(fromFile.findings).toEqual([]);
    expect(fromFile.stacks.find((s) => s.name === 'MeshSubscriptions')!.inventory).toEqual({ subscriptions: 3 });
  });

  test('refuses a broken variant with it, which breaks only the three-account example', () => {
    expect(() => report({ meshFile: file, break: 'single-az' })).toThrow(/break=single-az breaks the three-account example, not a mesh file .*: pass one of them/);
  });
});
