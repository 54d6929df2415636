/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  DataMesh, DataMeshConsumer, DataMeshDataProduct, DataMeshProducer, DataMeshProjectMember, DataMeshProps, DataMeshSubscription,
  DataMeshWorkload, DomainSharePermission, WorkloadKind,
} from '../../src';
import { WORKLOAD_KINDS } from '../../src/workload-binding/workload-kinds';
import { dataMeshFindings, testApp } from '../util';

const REGION = 'eu-west-1';

function producer(name: string, account: string, tables = ['trees', 'birds']): DataMeshProducer {
  return { name, account, dataProducts: [{ databaseName: name.toLowerCase().replace(/-/g, '_'), tableNames: tables, dataBucketName: `${name.toLowerCase()}-data` }] };
}

function consumer(name: string, account: string, subscriptions: DataMeshSubscription[], functions = 1): DataMeshConsumer {
  return {
    name,
    account,
    functionArns: Array.from({ length: functions }, (_, i) => `arn:aws:lambda:${REGION}:${account}:function:${name}_app${i}`),
    subscriptions,
  };
}

const TWO_BY_TWO: DataMeshProps = {
  domainName: 'data-mesh',
  governanceAccount: '111111111111',
  region: REGION,
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  producers: [producer('collections', '222222222222'), producer('sensors', '444444444444', ['readings'])],
  consumers: [
    consumer('analytics', '333333333333', [{ producer: 'collections', table: 'trees' }, { producer: 'sensors', table: 'readings' }]),
    consumer('research', '555555555555', [{ producer: 'collections', table: 'birds' }], 0),
  ],
};

/** `n` member accounts: n/2 producers with 3 tables each, n/2 consumers with a bound function and 2 subscriptions each. */
function generated(n: number): DataMeshProps {
  const account = (i: number) => String(200000000000 + i);
  const producers = Array.from({ length: n / 2 }, (_, i) => producer(`p${i}`, account(i), ['t0', 't1', 't2']));
  const consumers = Array.from({ length: n / 2 }, (_, i) => consumer(`c${i}`, account(n + i), [
    { producer: `p${i}`, table: 't0' }, { producer: `p${(i + 1) % (n / 2)}`, table: 't1' },
  ]));
  return { ...TWO_BY_TWO, producers, consumers };
}

function resources(stack: Stack): number {
  return stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
}

describe('DataMesh', () => {
  describe('with two producers and two consumers', () => {
    const mesh = new DataMesh(testApp(), 'Mesh', TWO_BY_TWO);

    test('lays the stacks out in deploy order, one network stack per member account and one data or app stack per member', () => {
      expect(names(mesh.stacks)).toEqual([
        'MeshGovernance', 'MeshProducerCollections', 'MeshProducerSensors', 'MeshConsumerAnalytics', 'MeshConsumerResearch', 'MeshProjects',
        'MeshProducerDataCollections', 'MeshProducerDataSensors', 'MeshSubscriptions', 'MeshConsumerAppAnalytics',
      ]);
      expect(mesh.memberStack('sensors').account).toBe('444444444444');
      expect(mesh.producerDataStack('collections').account).toBe('222222222222');
      expect(mesh.consumerAppStack('analytics').account).toBe('333333333333');
    });

    test('orders them with stack dependencies: governance, members, projects, producer data, subscriptions, applications', () => {
      const dependsOn = (stack: Stack) => names(stack.dependencies).sort();
      expect(dependsOn(mesh.memberStack('research'))).toEqual(['MeshGovernance']);
      expect(dependsOn(mesh.projectsStacks[0])).toEqual(expect.arrayContaining(['MeshConsumerAnalytics', 'MeshConsumerResearch', 'MeshProducerCollections', 'MeshProducerSensors']));
      expect(dependsOn(mesh.producerDataStack('sensors'))).toEqual(expect.arrayContaining(['MeshProjects']));
      expect(dependsOn(mesh.subscriptionsStacks[0])).toEqual(expect.arrayContaining(['MeshProducerDataCollections', 'MeshProducerDataSensors']));
      expect(dependsOn(mesh.consumerAppStack('analytics'))).toEqual(expect.arrayContaining(['MeshProjects', 'MeshSubscriptions']));
    });

    test('shares the domain with every member account', () => {
      Template.fromStack(mesh.governanceStack).hasResourceProperties('AWS::RAM::ResourceShare', {
        Principals: ['222222222222', '444444444444', '333333333333', '555555555555'],
      });
    });

    test('subscribes each consumer to the tables it names, not to every table', () => {
      const subscriptions = Object.values(Template.fromStack(mesh.subscriptionsStacks[0]).findResources('Custom::ConsumerSubscription'))
        .map((s) => s.Properties.AssetName).sort();
      expect(subscriptions).toEqual(['birds', 'readings', 'trees']);
    });

    test('publishes each producer\'s own tables from its own account, and binds only the consumers with functions', () => {
      Template.fromStack(mesh.producerDataStack('sensors')).hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Resource: { Table: { CatalogId: '444444444444', DatabaseName: 'sensors', Name: 'readings' } },
      });
      expect(() => mesh.consumerAppStack('research')).toThrow(/'research' is not a consumer with functionArns/);
      expect(() => mesh.memberStack('nobody')).toThrow(/'nobody' is no producer or consumer of the mesh; its members are collections, sensors, analytics, research/);
    });

    test('has no finding from DataMeshChecks', () => {
      expect(dataMeshFindings(mesh)).toEqual([]);
    });
  });

  describe('refuses, naming the property path, the value and the fix', () => {
    const refuses = (props: Partial<DataMeshProps>, ...messages: RegExp[]) => {
      let error: Error | undefined;
      try {
        new DataMesh(testApp(), 'Mesh', { ...TWO_BY_TWO, ...props });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(/^DataMesh at 'Mesh' has invalid input:/);
      for (const message of messages) {
        expect(error?.message).toMatch(message);
      }
    };

    test('a subscription to a table its producer does not publish, and to a producer that does not exist, all at once', () => {
      refuses({
        consumers: [
          consumer('analytics', '333333333333', [{ producer: 'collections', table: 'trees' }]),
          consumer('research', '555555555555', [{ producer: 'collections', table: 'fish' }, { producer: 'weather', table: 'rain' }]),
        ],
      },
      /'consumers\[1\]\.subscriptions\[0\]\.table' is 'fish': producer collections publishes trees, birds\. Name one of its tables/,
      /'consumers\[1\]\.subscriptions\[1\]\.producer' is 'weather': it names no producer of the mesh \(producers: collections, sensors\)/);
    });

    test('an account that is not 12 digits, and one used twice', () => {
      refuses({ producers: [producer('collections', '22222222222'), producer('sensors', '111111111111')] },
        /'producers\[0\]\.account' is "22222222222": must match pattern .*An AWS account id: 12 digits.*Write the account id as a quoted string of 12 digits/);
      refuses({ producers: [producer('collections', '222222222222'), producer('sensors', '111111111111')] },
        /'producers\[1\]\.account' is '111111111111': each member of the mesh has an account of its own \(governanceAccount is 111111111111\)/);
    });

    test('two members whose names give the same stack name, and a function of another account', () => {
      refuses({
        producers: [producer('sensors', '222222222222'), producer('Sensors', '444444444444')],
        consumers: [{ name: 'analytics', account: '333333333333', functionArns: ['arn:aws:lambda:eu-west-1:999999999999:function:theirs'] }],
      },
      /'producers\[1\]\.name' is 'Sensors': names must be unique in the mesh \(producers\[0\]\.name is the same stack name, Sensors\)/,
      /'consumers\[0\]\.functionArns\[0\]' is 'arn:aws:lambda:eu-west-1:999999999999:function:theirs': a bound function is in its consumer's account \(333333333333\)/);
    });

    test('a qualified function ARN and a data prefix written as an S3 URL', () => {
      refuses({
        producers: [{ ...producer('collections', '222222222222'), dataProducts: [{ databaseName: 'c', tableNames: ['t'], dataBucketName: 'b-data', dataPrefix: 's3://b-data/x/' }] }],
        consumers: [{ name: 'analytics', account: '333333333333', functionArns: ['arn:aws:lambda:eu-west-1:333333333333:function:f:prod'] }],
      },
      /'producers\[0\]\.dataProducts\[0\]\.dataPrefix' is "s3:\/\/b-data\/x\/": must match pattern/,
      /'consumers\[0\]\.functionArns\[0\]' is "arn:aws:lambda:eu-west-1:333333333333:function:f:prod": must match pattern .*no version or alias/);
    });
  });

  describe('from a mesh file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-file-'));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    test('builds the mesh a YAML file declares, the same as in code', () => {
      const path = file('mesh.yaml', `
# yaml-language-server: $schema=../schema/data-mesh.schema.json
domainName: data-mesh
governanceAccount: "111111111111"
region: eu-west-1
availabilityZones: [eu-west-1a, eu-west-1b]
sharePermission: API_ACCESS
producers:
  - name: collections
    account: "222222222222"
    dataProducts:
      - { databaseName: collections, tableNames: [trees, birds], dataBucketName: collections-data }
consumers:
  - name: analytics
    account: "333333333333"
    functionArns: ["arn:aws:lambda:eu-west-1:333333333333:function:analytics_app0"]
    subscriptions:
      - { producer: collections, table: trees }
`);
      const fromFile = DataMesh.fromFile(testApp(), 'Mesh', path);
      const inCode = new DataMesh(testApp(), 'Mesh', {
        ...TWO_BY_TWO,
        sharePermission: DomainSharePermission.API_ACCESS,
        producers: [TWO_BY_TWO.producers[0]],
        consumers: [consumer('analytics', '333333333333', [{ producer: 'collections', table: 'trees' }])],
      });
      expect(fromFile.stacks.map((s) => s.stackName)).toEqual(inCode.stacks.map((s) => s.stackName));
      for (const [index, stack] of fromFile.stacks.entries()) {
        expect(Template.fromStack(stack).toJSON()).toEqual(Template.fromStack(inCode.stacks[index]).toJSON());
      }
    });

    test('reports every mistake with its path in the file, what is allowed and the fix', () => {
      const path = file('broken.yaml', `
domainName: data-mesh
governanceAccount: 111111111111
region: eu-west-1
availabilityZones: [eu-west-1a]
producers:
  - name: collections
    account: "222222222222"
    dataProducts:
      - { databaseName: collections, tableNames: [trees], dataBucketName: collections-data, tables: [x] }
consumers:
  - name: analytics
    account: "333333333333"
    subscriptions:
      - { producer: collections }
`);
      expect(() => DataMesh.fromFile(testApp(), 'Mesh', path)).toThrow(new RegExp([
        `DataMesh at 'Mesh' \\(mesh file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) has invalid input:`,
        '  - \'governanceAccount\' is 111111111111: must be string .*\\(YAML reads an unquoted one as a number\\)\\.',
        '  - \'availabilityZones\' is \\["eu-west-1a"\\]: must NOT have fewer than 2 items .*List two distinct zones of the mesh\'s Region\\.',
        '  - \'producers\\[0\\]\\.dataProducts\\[0\\]\\.tables\' is not a property here: the allowed ones are databaseName, tableNames, dataBucketName, dataPrefix\\. Remove it, or correct its spelling\\.',
        '  - \'consumers\\[0\\]\\.subscriptions\\[0\\]\\.table\' is missing: A table of that producer\'s data products\\. Add it\\.',
      ].join('\n')));
    });

    test('names the file in the checks across the declaration too', () => {
      const path = file('fish.yaml', readFileSync(file('sound.yaml', `
domainName: data-mesh
governanceAccount: "111111111111"
region: eu-west-1
availabilityZones: [eu-west-1a, eu-west-1b]
producers:
  - { name: collections, account: "222222222222", dataProducts: [{ databaseName: collections, tableNames: [trees, birds], dataBucketName: collections-data }] }
consumers:
  - { name: research, account: "555555555555", subscriptions: [{ producer: collections, table: birds }] }
`), 'utf-8').replace('table: birds', 'table: fish'));
      expect(() => DataMesh.fromFile(testApp(), 'Mesh', join(dir, 'sound.yaml'))).not.toThrow();
      expect(() => DataMesh.fromFile(testApp(), 'Mesh', path)).toThrow(new RegExp(
        `^DataMesh at 'Mesh' \\(mesh file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) has invalid input:\n  - 'consumers\\[0\\]\\.subscriptions\\[0\\]\\.table' is 'fish': producer collections publishes trees, birds\\.`,
      ));
    });

    test('reports a syntax error with its line, and a file it cannot read', () => {
      const path = file('syntax.yaml', 'domainName: [data-mesh\nregion: eu-west-1\n');
      expect(() => DataMesh.fromFile(testApp(), 'Mesh', path)).toThrow(/is not valid YAML or JSON:\n {2}- Flow sequence .* at line 2, column 1:[^]*Fix the syntax at the line shown\./);
      expect(() => DataMesh.fromFile(testApp(), 'Mesh', join(dir, 'missing.yaml'))).toThrow(/^DataMesh\.fromFile at 'Mesh': cannot read the mesh file '.*missing\.yaml' \(ENOENT/);
    });
  });

  test('its JSON Schema declares exactly the properties of the props, for editor completion', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'data-mesh.schema.json'), 'utf-8'));
    // Every key is required here, so the compiler keeps these samples complete as the interfaces grow.
    const props: Required<DataMeshProps> = { ...TWO_BY_TWO, consumers: [], sharePermission: DomainSharePermission.API_ACCESS };
    const dataProduct: Required<DataMeshDataProduct> = { databaseName: 'd', tableNames: [], dataBucketName: 'b', dataPrefix: 'p/' };
    const producerSample: Required<DataMeshProducer> = {
      name: 'p', account: '1', projectName: 'p', domainUnitName: 'u', members: [], dataProducts: [], manageDataLakeAdmins: false,
    };
    const consumerSample: Required<DataMeshConsumer> = {
      name: 'c', account: '1', projectName: 'c', domainUnitName: 'u', members: [], glueDatabaseName: 'g', functionArns: [], workloads: [], subscriptions: [],
    };
    const member: Required<DataMeshProjectMember> = { type: 'IAM_ROLE', identifier: 'r', designation: 'OWNER' };
    const workload: Required<DataMeshWorkload> = { kind: 'LAMBDA_FUNCTION', roleArn: 'r', functionArn: 'f' };
    const subscription: Required<DataMeshSubscription> = { producer: 'p', table: 't' };
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(schema.properties).filter((k) => k !== '$schema')).toEqual(keys(props));
    expect(keys(schema.$defs.dataProduct.properties)).toEqual(keys(dataProduct));
    expect(keys(schema.$defs.producer.properties)).toEqual(keys(producerSample));
    expect(keys(schema.$defs.consumer.properties)).toEqual(keys(consumerSample));
    expect(keys(schema.$defs.subscription.properties)).toEqual(keys(subscription));
    expect(keys(schema.$defs.projectMember.properties)).toEqual(keys(member));
    expect(keys(schema.$defs.workload.properties)).toEqual(keys(workload));
  });

  test('its JSON Schema\'s workload kinds are the names of WorkloadKind, in their order, and its fix names each', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'data-mesh.schema.json'), 'utf-8'));
    const kind = schema.$defs.workload.properties.kind;
    expect(kind.enum).toEqual([...WORKLOAD_KINDS.keys()]);
    expect(kind.enum).toEqual(['LAMBDA_FUNCTION', 'GLUE_JOB', 'ECS_TASK', 'EMR_SERVERLESS', 'IAM_ROLE']);
    for (const name of WORKLOAD_KINDS.keys()) {
      expect(kind['x-fix']).toContain(name);
    }
    expect([...WORKLOAD_KINDS.values()]).toEqual([
      WorkloadKind.LAMBDA_FUNCTION, WorkloadKind.GLUE_JOB, WorkloadKind.ECS_TASK, WorkloadKind.EMR_SERVERLESS, WorkloadKind.IAM_ROLE,
    ]);
  });
});

function names(stacks: Stack[]): string[] {
  return stacks.map((s) => s.stackName);
}

describe('DataMesh at 60 accounts', () => {
  const mesh = new DataMesh(testApp(), 'Mesh', generated(60));

  test('splits its governance side so that no stack passes 80 % of CloudFormation\'s 500 resources', () => {
    expect(mesh.projectsStacks.length).toBeGreaterThan(1);
    expect(names(mesh.projectsStacks)).toEqual(mesh.projectsStacks.map((_, i) => (i === 0 ? 'MeshProjects' : `MeshProjects${i + 1}`)));
    for (const stack of mesh.stacks) {
      expect({ stack: stack.stackName, resources: resources(stack) }).toEqual({ stack: stack.stackName, resources: expect.any(Number) });
      expect(resources(stack)).toBeLessThanOrEqual(400);
    }
    const projects = mesh.projectsStacks.flatMap((s) => Object.keys(Template.fromStack(s).findResources('AWS::DataZone::Project')));
    expect(projects).toHaveLength(60);
    const subscriptions = mesh.subscriptionsStacks.flatMap((s) => Object.keys(Template.fromStack(s).findResources('Custom::ConsumerSubscription')));
    expect(subscriptions).toHaveLength(60);
  });

  test('gives each member a domain unit of its own, which owns its project and holds its members\' pool grants', () => {
    const template = Template.fromStack(mesh.projectsStacks[0]);
    const units = template.findResources('AWS::DataZone::DomainUnit');
    const p0 = Object.entries(units).find(([, unit]) => unit.Properties.Name === 'p0')!;
    expect(p0[1].Properties.ParentDomainUnitIdentifier).toBeDefined();
    template.hasResourceProperties('AWS::DataZone::Project', { Name: 'p0', DomainUnitId: { 'Fn::GetAtt': [p0[0], 'Id'] } });
    const poolGrants = Object.values(template.findResources('AWS::DataZone::PolicyGrant', { Properties: { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL' } }));
    expect(poolGrants.filter((g) => JSON.stringify(g.Properties.EntityIdentifier) === JSON.stringify({ 'Fn::GetAtt': [p0[0], 'Id'] }))).toHaveLength(2);
  });

  test('stays inside DataZone\'s 20 grants per policy and domain unit, and every other mesh rule', () => {
    expect(dataMeshFindings(mesh)).toEqual([]);
  });
  /** The IAM roles of each governance stack, by stack name, from its template. */
  const governanceRoles = (of: DataMesh) => new Map([of.governanceStack, ...of.projectsStacks, ...of.subscriptionsStacks]
    .map((stack) => [stack.stackName, Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Role'))]));

  test('its governance stacks\' providers share two framework roles, made in the Governance stack', () => {
    const roles = governanceRoles(mesh);
    const governance = Template.fromStack(mesh.governanceStack);
    governance.hasResourceProperties('AWS::IAM::Role', { RoleName: Match.stringLikeRegexp('^cdk-data-mesh-[0-9a-f]{8}-provider-on-event$') });
    governance.hasResourceProperties('AWS::IAM::Role', { RoleName: Match.stringLikeRegexp('^cdk-data-mesh-[0-9a-f]{8}-provider-is-complete$') });
    // No governance stack makes a framework role of its own; a later one has only its providers' handler and waiter roles.
    expect([...roles.values()].flat().filter((id) => /framework/.test(id))).toEqual([]);
    for (const stack of [...mesh.projectsStacks, ...mesh.subscriptionsStacks]) {
      expect({ stack: stack.stackName, roles: roles.get(stack.stackName)!.filter((id) => !/(HandlerRole|waiterstatemachineRole)[0-9A-F]{8}$/.test(id)) })
        .toEqual({ stack: stack.stackName, roles: [] });
    }
    expect(mesh.subscriptionsStacks.map((stack) => roles.get(stack.stackName)!.length)).toEqual(mesh.subscriptionsStacks.map(() => 2));
  });

  test('IAM roles in the governance account grow with its stacks, not with its accounts: a stack holds as many at 20 accounts as at 60', () => {
    const at60 = governanceRoles(mesh);
    const at20 = governanceRoles(new DataMesh(testApp(), 'Mesh', generated(20)));
    expect(at60.size).toBeGreaterThan(at20.size);
    for (const [stack, roles] of at20) {
      expect({ stack, roles: at60.get(stack)!.length }).toEqual({ stack, roles: roles.length });
    }
    // The Governance stack: the domain's two roles, the two shared ones, the share waiter's handler and waiter roles.
    expect(at60.get('MeshGovernance')).toHaveLength(6);
    for (const [stack, roles] of at60) {
      expect({ stack, atMost4: roles.length <= 4 || stack === 'MeshGovernance' }).toEqual({ stack, atMost4: true });
    }
  });
});
