/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { App } from 'aws-cdk-lib';
import { buildExampleMesh, DEFAULT_SETTINGS } from '../../examples/three-account-mesh/mesh';

/**
 * Every policy the example mesh and a generated DataMesh (examples/mesh-file/mesh.yaml) synthesize: role trust
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

function synthesize(label: string, settings = DEFAULT_SETTINGS): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'policy-walk-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const mesh = buildExampleMesh(app, settings);
    app.synth();
    const statements: Statement[] = [];
    const permissions: Synthesized['permissions'] = [];
    for (const { stack } of mesh.stacks) {
      const template = JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf-8'));
      for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
        const where = `${label} ${stack.stackName}/${id}`;
        const p = resource.Properties ?? {};
        const add = (doc: any, kind: Statement['kind'], keyPolicy = false) => {
          for (const statement of [doc?.Statement ?? []].flat()) {
            statements.push({ where, type: resource.Type, account: stack.account, kind, keyPolicy, statement });
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
            permissions.push({ where, properties: p });
            break;
        }
      }
    }
    return { statements, permissions };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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

describe('every policy the example mesh and a generated DataMesh synthesize', () => {
  let all: Synthesized;
  beforeAll(() => {
    const example = synthesize('example');
    const meshFile = synthesize('mesh-file', { ...DEFAULT_SETTINGS, meshFile: join(ROOT, 'examples', 'mesh-file', 'mesh.yaml') });
    all = { statements: [...example.statements, ...meshFile.statements], permissions: [...example.permissions, ...meshFile.permissions] };
  }, 600_000);
  const allows = () => all.statements.filter((s) => s.statement.Effect === 'Allow');

  test('are walked: roles, trust, identity, key and bucket policies and Lambda permissions are all there', () => {
    const kinds = new Set(all.statements.map((s) => `${s.kind} ${s.type}`));
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      'identity AWS::IAM::Policy', 'resource AWS::KMS::Key', 'resource AWS::S3::BucketPolicy', 'trust AWS::IAM::Role',
    ]));
    expect(all.permissions.length).toBeGreaterThan(0);
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
