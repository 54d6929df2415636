/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { buildExampleMesh, DEFAULT_SETTINGS } from '../../examples/three-account-mesh/mesh';
import { addMemberBaselineStackSet } from '../../scripts/stack-set-templates';
import { BoundWorkload, CatalogDomain, WorkloadBinding } from '../../src';

/**
 * Every policy the example mesh, a generated DataMesh (examples/mesh-file/mesh.yaml), a WorkloadBinding of every
 * workload kind and a MeshMemberBaselineStackSet (its outer template and its StackSet's template) synthesize: role trust
 * and inline policies, IAM policies, managed policies, KMS key policies, bucket policies and Lambda permissions.
 * What the walk admits, and why, is test/repository/policy-exceptions.json.
 */
const ROOT = resolve(__dirname, '..', '..');
const EXCEPTIONS = JSON.parse(readFileSync(join(__dirname, 'policy-exceptions.json'), 'utf-8'));

interface Statement {
  readonly where: string;
  readonly type: string;
  readonly account: string;
  readonly kind: 'trust' | 'identity' | 'resource';
  readonly keyPolicy: boolean;
  readonly statement: any;
}

interface Synthesized {
  readonly statements: Statement[];
  readonly permissions: Array<{ where: string; properties: any }>;
}

/** Every policy statement and Lambda permission of one template (`where` is `<label> <stack name>/<logical id>`). */
function walkTemplate(label: string, stackName: string, account: string, template: any, into: Synthesized): void {
  for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
    const where = `${label} ${stackName}/${id}`;
    const p = resource.Properties ?? {};
    const add = (doc: any, kind: Statement['kind'], keyPolicy = false) => {
      for (const statement of [doc?.Statement ?? []].flat()) {
        into.statements.push({ where, type: resource.Type, account, kind, keyPolicy, statement });
      }
    };
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        add(p.AssumeRolePolicyDocument, 'trust');
        (p.Policies ?? []).forEach((policy: any) => add(policy.PolicyDocument, 'identity'));
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        add(p.PolicyDocument, 'identity');
        break;
      case 'AWS::KMS::Key':
        add(p.KeyPolicy, 'resource', true);
        break;
      case 'AWS::S3::BucketPolicy':
        add(p.PolicyDocument, 'resource');
        break;
      case 'AWS::Lambda::Permission':
        into.permissions.push({ where, properties: p });
        break;
      case 'AWS::CloudFormation::StackSet':
        // The StackSet's own template (MeshMemberBaselineStackSet): walked as the stacks it deploys, in each target account.
        if (typeof p.TemplateBody === 'string') {
          walkTemplate(label, `${stackName}/${id}(StackSet)`, '${AWS::AccountId}', JSON.parse(p.TemplateBody), into);
        }
        break;
    }
  }
}

/** Synthesizes the stacks `build` defines into a temporary directory and walks every template of the assembly. */
function synthesizeApp(label: string, build: (app: App) => void): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'policy-walk-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    build(app);
    const assembly = app.synth();
    const into: Synthesized = { statements: [], permissions: [] };
    for (const stack of assembly.stacks) {
      walkTemplate(label, stack.stackName, stack.environment.account, stack.template, into);
    }
    return into;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const CONSUMER = '333333333333';

/**
 * A WorkloadBinding of every workload kind, each in its own consumer stack: named by its project (so the stack's
 * project member, its lookup and the earlier-subscriptions grant are there too) and by its lakehouse environment.
 */
function synthesizeWorkloadBindings(): Synthesized {
  // The workloads' own roles are their owners', not the binding's: they trust their service as the walk asks of any role.
  const role = (scope: Construct, id: string, service: string) => new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal(service, { conditions: { StringEquals: { 'aws:SourceAccount': CONSUMER } } }),
  });
  const kinds: Array<[string, (s: Stack) => BoundWorkload]> = [
    ['LambdaFunction', (s) => BoundWorkload.lambdaFunction(new lambda.Function(s, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    }))],
    ['ImportedLambdaFunction', (s) => BoundWorkload.lambdaFunction(lambda.Function.fromFunctionAttributes(s, 'Fn', {
      functionArn: `arn:aws:lambda:eu-west-1:${CONSUMER}:function:legacy`, role: iam.Role.fromRoleArn(s, 'FnRole', `arn:aws:iam::${CONSUMER}:role/legacy`),
    }))],
    ['GlueJob', (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com'))],
    ['EcsTask', (s) => BoundWorkload.ecsTask(new ecs.FargateTaskDefinition(s, 'Task', { taskRole: role(s, 'TaskRole', 'ecs-tasks.amazonaws.com') }))],
    ['EcsTaskRole', (s) => BoundWorkload.ecsTaskRole(role(s, 'TaskRole', 'ecs-tasks.amazonaws.com'))],
    ['EmrServerless', (s) => BoundWorkload.emrServerlessRuntimeRole(role(s, 'EmrRole', 'emr-serverless.amazonaws.com'))],
    ['IamRole', (s) => BoundWorkload.iamRole(iam.Role.fromRoleArn(s, 'BiRole', `arn:aws:iam::${CONSUMER}:role/bi-service`))],
  ];
  return synthesizeApp('workload-binding', (app) => {
    for (const [name, workload] of kinds) {
      for (const [how, project] of [['Project', { projectName: 'analytics' }], ['Environment', { lakehouseEnvironmentId: 'env_lakehouse1' }]] as const) {
        const stack = new Stack(app, `${name}By${how}`, { env: { account: CONSUMER, region: 'eu-west-1' } });
        new WorkloadBinding(stack, 'Binding', {
          domain: CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root1', governanceAccount: '111111111111' }),
          workload: workload(stack),
          ...project,
        });
      }
    }
  });
}

/** The MeshMemberBaselineStackSet of a management account, with every managed blueprint (as CI lints it): its StackSet's template is walked too. */
function synthesizeStackSet(): Synthesized {
  return synthesizeApp('stack-set', (app) => {
    addMemberBaselineStackSet(app);
  });
}

function synthesize(label: string, settings = DEFAULT_SETTINGS): Synthesized {
  return synthesizeApp(label, (app) => {
    buildExampleMesh(app, settings);
  });
}

const list = (x: unknown): any[] => (x === undefined ? [] : [x].flat());
const hasSourceCondition = (s: any) => /"aws:Source(Account|Arn)"/.test(JSON.stringify(s.Condition ?? {}));

/** Read-only when the action's name starts with a read-only prefix (a wildcard only after it). */
export function isWriteAction(action: string): boolean {
  const name = action.split(':')[1] ?? action;
  return !EXCEPTIONS.readOnlyActionPrefixes.some((prefix: string) => name.startsWith(prefix));
}

/** The account an AWS principal names as its root (`123456789012`, `arn:…:iam::123456789012:root`), if it does. */
export function rootAccount(principal: unknown): string | undefined {
  const text = typeof principal === 'string' ? principal : JSON.stringify(principal);
  const match = /^(\d{12})$/.exec(text) ?? /:iam::(\d{12}):root"?\]*\}*$/.exec(text);
  return match?.[1];
}

describe('every policy the example mesh, a generated DataMesh, a WorkloadBinding of each workload kind and the member baseline StackSet synthesize', () => {
  let all: Synthesized;
  beforeAll(() => {
    const example = synthesize('example');
    const meshFile = synthesize('mesh-file', { ...DEFAULT_SETTINGS, meshFile: join(ROOT, 'examples', 'mesh-file', 'mesh.yaml') });
    const parts = [example, meshFile, synthesizeWorkloadBindings(), synthesizeStackSet()];
    all = { statements: parts.flatMap((p) => p.statements), permissions: parts.flatMap((p) => p.permissions) };
  }, 600_000);
  const allows = () => all.statements.filter((s) => s.statement.Effect === 'Allow');

  test('are walked: roles, trust, identity, key and bucket policies and Lambda permissions are all there', () => {
    const kinds = new Set(all.statements.map((s) => `${s.kind} ${s.type}`));
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      'identity AWS::IAM::Policy', 'resource AWS::KMS::Key', 'resource AWS::S3::BucketPolicy', 'trust AWS::IAM::Role',
    ]));
    expect(all.permissions.length).toBeGreaterThan(0);
  });

  test('are walked in every workload kind\'s binding and inside the member baseline StackSet\'s template', () => {
    const stacks = new Set(all.statements.map((s) => s.where.replace(/\/[^/]*$/, '')));
    for (const kind of ['LambdaFunction', 'ImportedLambdaFunction', 'GlueJob', 'EcsTask', 'EcsTaskRole', 'EmrServerless', 'IamRole']) {
      expect(stacks).toContain(`workload-binding ${kind}ByProject`);
      expect(stacks).toContain(`workload-binding ${kind}ByEnvironment`);
    }
    const inner = all.statements.filter((s) => s.where.includes('(StackSet)'));
    expect(new Set(inner.map((s) => `${s.kind} ${s.type}`))).toEqual(new Set(['trust AWS::IAM::Role', 'identity AWS::IAM::Policy', 'resource AWS::KMS::Key', 'resource AWS::S3::BucketPolicy']));
  });

  test('allow no Action "*" and no NotAction', () => {
    const found = allows().filter((s) => list(s.statement.Action).includes('*') || s.statement.NotAction !== undefined).map((s) => s.where);
    expect(found).toEqual([]);
  });

  test('allow write actions on Resource "*" only where policy-exceptions.json lists the action with a reason (a key policy\'s "*" is the key itself)', () => {
    const listed = new Map<string, any>(EXCEPTIONS.resourceStarWriteActions.map((e: any) => [e.action, e]));
    const used = new Set<string>();
    const found: string[] = [];
    for (const s of allows().filter((x) => x.kind === 'identity' && list(x.statement.Resource).includes('*'))) {
      for (const action of list(s.statement.Action).filter(isWriteAction)) {
        if (listed.has(action)) {
          used.add(action);
        } else {
          found.push(`${s.where}: ${action}`);
        }
      }
    }
    expect(found).toEqual([]);
    expect([...listed.keys()].filter((a) => !used.has(a))).toEqual([]); // stale entries: remove them
    expect([...listed.values()].filter((e) => !e.reason || !e.reference)).toEqual([]);
  });

  test('give every role a service assumes an aws:SourceAccount or aws:SourceArn condition, except the services policy-exceptions.json lists with a reason', () => {
    const listed = new Set<string>(EXCEPTIONS.serviceTrustWithoutSourceCondition.map((e: any) => e.service));
    const used = new Set<string>();
    const found: string[] = [];
    for (const s of allows().filter((x) => x.kind === 'trust' && x.statement.Principal?.Service !== undefined)) {
      if (hasSourceCondition(s.statement)) {
        continue;
      }
      for (const service of list(s.statement.Principal.Service)) {
        if (listed.has(service)) {
          used.add(service);
        } else {
          found.push(`${s.where}: ${service}`);
        }
      }
    }
    expect(found).toEqual([]);
    expect([...listed].filter((service) => !used.has(service))).toEqual([]); // stale entries: remove them
  });

  test('admit another account only by a named role, never by its root or "*" without a condition', () => {
    const found: string[] = [];
    for (const s of allows().filter((x) => x.kind !== 'identity')) {
      const principal = s.statement.Principal;
      if (principal === undefined || principal.Service !== undefined && principal.AWS === undefined) {
        continue;
      }
      for (const aws of principal === '*' ? ['*'] : list(principal.AWS)) {
        const root = rootAccount(aws);
        const open = aws === '*' || (root !== undefined && root !== s.account);
        if (open && s.statement.Condition === undefined) {
          found.push(`${s.where}: ${JSON.stringify(aws)}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  test('let a service invoke a function only with a SourceAccount or SourceArn', () => {
    const found = all.permissions
      .filter((p) => typeof p.properties.Principal === 'string' && p.properties.Principal.endsWith('.amazonaws.com'))
      .filter((p) => p.properties.SourceAccount === undefined && p.properties.SourceArn === undefined)
      .map((p) => p.where);
    expect(found).toEqual([]);
  });
});

describe('the policy walk\'s classification', () => {
  test('reads Get, List, Describe, Search and BatchGet as read-only and everything else as a write', () => {
    expect(['s3:GetObject', 'glue:ListTables', 'ec2:DescribeVpcs', 'datazone:SearchListings', 'glue:BatchGetPartition'].filter(isWriteAction)).toEqual([]);
    expect(['s3:PutObject', 'kms:Encrypt*', 'lakeformation:GrantPermissions', 's3:*'].filter(isWriteAction)).toEqual(['s3:PutObject', 'kms:Encrypt*', 'lakeformation:GrantPermissions', 's3:*']);
  });

  test('finds the account an AWS principal names as its root, in every form CloudFormation writes', () => {
    expect(rootAccount('222222222222')).toBe('222222222222');
    expect(rootAccount('arn:aws:iam::222222222222:root')).toBe('222222222222');
    expect(rootAccount({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] })).toBe('222222222222');
    expect(rootAccount('arn:aws:iam::222222222222:role/reader')).toBeUndefined();
  });
});
