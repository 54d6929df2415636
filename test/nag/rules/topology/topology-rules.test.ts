/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Aws, CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FUNCTION_BINDING_TYPE, PROJECT_ROLE_LOOKUP_TYPE, TRUST_BINDING_TYPE } from '../../../../src/contract';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { l1Governance, l1Profile, l1Tooling } from '../../fixtures';

/**
 * A governance stack with a domain and profiles; a producer member stack that registers a data location,
 * and a consumer stack that binds an application: the accounts' roles come from what their stacks do.
 */
function mesh(options: { producer?: string; consumer?: string; memberRegion?: string; agnosticMember?: boolean } = {}) {
  const app = testApp();
  const governance = testStack({}, app);
  l1Governance(governance);
  const producer = options.producer ?? '222222222222';
  const consumer = options.consumer ?? '333333333333';
  l1Profile(governance, [{ name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: producer }]);
  const consumerProfile = new Stack(app, 'Profiles', { env: { account: '111111111111', region: 'eu-west-1' } });
  l1Profile(consumerProfile, [{ name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: consumer }, { name: 'Lakehouse Database', blueprintId: 'd6y5smpdi8x9lz', account: consumer }]);
  const member = options.agnosticMember
    ? new Stack(app, 'Member')
    : new Stack(app, 'Member', { env: { account: producer, region: options.memberRegion ?? 'eu-west-1' } });
  l1Tooling(member, 'subnet-1,subnet-2').addMetadata('cdk-data-mesh:subnetZones', ['eu-west-1a', 'eu-west-1b']);
  new lakeformation.CfnResource(member, 'Location', { resourceArn: 'arn:aws:s3:::data/trees', useServiceLinkedRole: true });
  const consumerApp = new Stack(app, 'ConsumerApp', { env: { account: consumer, region: 'eu-west-1' } });
  new CustomResource(consumerApp, 'Trust', {
    serviceToken: 'arn:aws:lambda:eu-west-1:333333333333:function:trust',
    resourceType: 'Custom::ConsumerTrustBinding',
    properties: { RoleName: 'datazone_usr_role_p_e', PrincipalArn: `arn:aws:iam::${consumer}:role/fn`, Sid: 'S' },
  });
  return app;
}

const finding = (app: App, rule: string) => dataMeshViolations(app).find((v) => v.ruleName === rule);

describe('DataMesh-TOPO1: governance, producer and consumer are three distinct accounts', () => {
  test('accepts three accounts', () => {
    expect(dataMeshFindings(mesh())).not.toContain('DataMesh-TOPO1');
  });

  test('infers roles from what accounts do, not from the profiles they are offered', () => {
    // Both accounts are offered a profile with Tooling and DataLake; only one publishes, only the other consumes.
    const app = mesh();
    const offered = new Stack(app, 'Offered', { env: { account: '111111111111', region: 'eu-west-1' } });
    l1Profile(offered, [{ name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '222222222222' }, { name: 'Lakehouse Database', blueprintId: 'd6y5smpdi8x9lz', account: '222222222222' }]);
    expect(dataMeshFindings(app)).not.toContain('DataMesh-TOPO1');
  });

  test('flags a producer that is also the consumer, and the governance account as a member', () => {
    expect(finding(mesh({ consumer: '222222222222' }), 'DataMesh-TOPO1')?.description).toMatch(/found account\(s\) 222222222222 both producer and consumer/);
    expect(finding(mesh({ producer: '111111111111' }), 'DataMesh-TOPO1')?.description).toMatch(/found governance account 111111111111 is also a producer/);
  });

  test('does not apply to resources that are not domains', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the domain\'s stack is environment-agnostic', () => {
    const app = new App();
    l1Governance(new Stack(app, 'Agnostic'));
    expect(finding(app, 'DataMesh-TOPO1[Unverified]')?.description).toMatch(/could not evaluate: the account of the domain's stack Agnostic/);
  });
});

describe('DataMesh-TOPO2: every mesh stack is in the domain\'s Region', () => {
  test('accepts one Region', () => {
    expect(dataMeshFindings(mesh())).not.toContain('DataMesh-TOPO2');
  });

  test('flags a member stack in another Region', () => {
    expect(finding(mesh({ memberRegion: 'eu-central-1' }), 'DataMesh-TOPO2')?.description).toMatch(/found stack\(s\) Member in eu-central-1; the domain is in eu-west-1/);
  });

  test('does not apply to resources that are not domains', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-TOPO2');
  });

  test('reports "could not evaluate" for an environment-agnostic mesh stack', () => {
    expect(finding(mesh({ agnosticMember: true }), 'DataMesh-TOPO2[Unverified]')?.description).toMatch(/could not evaluate: the Region of mesh stack\(s\) Member/);
  });
});

describe('DataMesh-TOPO3: the domain\'s account holds no producer data', () => {
  test('accepts a governance account without data', () => {
    expect(dataMeshFindings(mesh())).not.toContain('DataMesh-TOPO3');
  });

  test('flags a Glue table in the governance account', () => {
    const app = mesh();
    new glue.CfnTable(app.node.findChild('Test') as Stack, 'Table', { catalogId: '111111111111', databaseName: 'collections', tableInput: { name: 'trees' } });
    expect(finding(app, 'DataMesh-TOPO3')?.description).toMatch(/found AWS::Glue::Table Table/);
  });

  test('does not apply to resources that are not domains', () => {
    const stack = testStack();
    new glue.CfnTable(stack, 'Table', { catalogId: '111111111111', databaseName: 'collections', tableInput: { name: 'trees' } });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-TOPO3');
  });

  test('reports "could not evaluate" for data in an environment-agnostic stack, never a guess from the account token', () => {
    const app = mesh({ agnosticMember: true });
    new glue.CfnTable(app.node.findChild('Member') as Stack, 'Table', { catalogId: '222222222222', databaseName: 'collections', tableInput: { name: 'trees' } });
    expect(finding(app, 'DataMesh-TOPO3[Unverified]')?.description)
      .toMatch(/could not evaluate: whether (.*, )?AWS::Glue::Table Table \(stack Member\) is in the domain's account \(stack Test\): an environment-agnostic stack's account is not known at synth/);
  });

  test('counts data in a stack of the governance account other than the domain\'s', () => {
    const app = mesh();
    new glue.CfnTable(app.node.findChild('Profiles') as Stack, 'Table', { catalogId: '111111111111', databaseName: 'collections', tableInput: { name: 'trees' } });
    expect(dataMeshFindings(app)).toContain('DataMesh-TOPO3');
  });
});

const topology = (app: App, prefix: string) => dataMeshViolations(app).filter((v) => v.ruleName === prefix || v.ruleName.startsWith(`${prefix}[`));
const stackIn = (app: App, id: string, account: string, region = 'eu-west-1') => new Stack(app, id, { env: { account, region } });

describe('the accounts of the mesh, read from what their stacks do', () => {
  test('a data source alone makes an account a producer, a subscription target alone a consumer', () => {
    const app = mesh();
    new CfnResource(stackIn(app, 'Sources', '444444444444'), 'Source', { type: 'AWS::DataZone::DataSource', properties: { Name: 's' } });
    new CfnResource(stackIn(app, 'Targets', '444444444444'), 'Target', { type: 'AWS::DataZone::SubscriptionTarget', properties: { Name: 't' } });
    expect(finding(app, 'DataMesh-TOPO1')?.description).toMatch(/found account\(s\) 444444444444 both producer and consumer\./);
  });

  test('a function binding makes an account a consumer', () => {
    const app = mesh();
    new CfnResource(stackIn(app, 'Functions', '222222222222'), 'Binding', { type: FUNCTION_BINDING_TYPE, properties: { FunctionName: 'f' } });
    expect(finding(app, 'DataMesh-TOPO1')?.description).toMatch(/found account\(s\) 222222222222 both producer and consumer\./);
  });

  test('environment-agnostic stacks are no account at all, not one shared account', () => {
    const app = mesh();
    new CfnResource(new Stack(app, 'AgnosticProducer'), 'Source', { type: 'AWS::DataZone::DataSource', properties: { Name: 's' } });
    new CfnResource(new Stack(app, 'AgnosticConsumer'), 'Target', { type: 'AWS::DataZone::SubscriptionTarget', properties: { Name: 't' } });
    expect(topology(app, 'DataMesh-TOPO1')).toEqual([]);
  });
});

describe('DataMesh-TOPO1 names every account in two roles', () => {
  test('the governance account as a producer and a consumer, once each, and not again as an account in both roles', () => {
    const app = mesh();
    const own = stackIn(app, 'Own', '111111111111');
    new lakeformation.CfnResource(own, 'Location', { resourceArn: 'arn:aws:s3:::own', useServiceLinkedRole: true });
    new CfnResource(own, 'Target', { type: 'AWS::DataZone::SubscriptionTarget', properties: { Name: 't' } });
    expect(finding(app, 'DataMesh-TOPO1')?.description).toMatch(/found governance account 111111111111 is also a producer; governance account 111111111111 is also a consumer\./);
  });

  test('every member account that both produces and consumes', () => {
    const app = mesh({ consumer: '222222222222' });
    const other = stackIn(app, 'Other', '444444444444');
    new lakeformation.CfnResource(other, 'Location', { resourceArn: 'arn:aws:s3:::other', useServiceLinkedRole: true });
    new CfnResource(other, 'Target', { type: 'AWS::DataZone::SubscriptionTarget', properties: { Name: 't' } });
    expect(finding(app, 'DataMesh-TOPO1')?.description).toMatch(/found account\(s\) 222222222222, 444444444444 both producer and consumer\./);
  });
});

describe('DataMesh-TOPO2 reads only mesh stacks, of every mesh kind', () => {
  test('a stack without a mesh resource may be in another Region; a VPC endpoint alone is not a mesh resource', () => {
    const app = mesh();
    new s3.CfnBucket(stackIn(app, 'Logs', '222222222222', 'us-east-1'), 'Bucket');
    new CfnResource(stackIn(app, 'Endpoints', '222222222222', 'us-east-1'), 'Endpoint', { type: 'AWS::EC2::VPCEndpoint', properties: { VpcId: 'vpc-1', ServiceName: 's' } });
    expect(topology(app, 'DataMesh-TOPO2')).toEqual([]);
  });

  test('flags every mesh stack elsewhere: with a VPC, a RAM share, a trust binding or a project role lookup beside other resources', () => {
    const app = mesh();
    const network = stackIn(app, 'Network', '222222222222', 'us-east-1');
    new s3.CfnBucket(network, 'Bucket');
    new CfnResource(network, 'Vpc', { type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.0.0.0/16' } });
    new CfnResource(stackIn(app, 'Share', '111111111111', 'us-west-2'), 'Share', { type: 'AWS::RAM::ResourceShare', properties: { Name: 's' } });
    new CfnResource(stackIn(app, 'Bind', '333333333333', 'eu-central-1'), 'Trust', { type: TRUST_BINDING_TYPE, properties: { RoleName: 'r' } });
    new CfnResource(stackIn(app, 'Lookup', '333333333333', 'eu-north-1'), 'Role', { type: PROJECT_ROLE_LOOKUP_TYPE, properties: { ProjectId: 'p' } });
    expect(finding(app, 'DataMesh-TOPO2')?.description)
      .toMatch(/found stack\(s\) Network in us-east-1, Share in us-west-2, Bind in eu-central-1, Lookup in eu-north-1; the domain is in eu-west-1\./);
  });

  test('names every environment-agnostic mesh stack, and an environment-agnostic domain\'s stack', () => {
    const app = mesh({ agnosticMember: true });
    new lakeformation.CfnResource(new Stack(app, 'Second'), 'Location', { resourceArn: 'arn:aws:s3:::second', useServiceLinkedRole: true });
    expect(finding(app, 'DataMesh-TOPO2[Unverified]')?.description).toMatch(/could not evaluate: the Region of mesh stack\(s\) Member, Second \(environment-agnostic\) is not known/);
    const agnostic = new App();
    l1Governance(new Stack(agnostic, 'Agnostic'));
    expect(topology(agnostic, 'DataMesh-TOPO2').map((v) => v.description))
      .toEqual([expect.stringMatching(/Agnostic\/Domain: could not evaluate: the Region of the domain's stack Agnostic \(environment-agnostic\) is not known/)]);
  });
});

describe('DataMesh-TOPO3 names each data resource of the domain\'s account, and nothing when there is none', () => {
  test('passes, with no finding of any kind, when the governance account holds no data, whether there is data elsewhere or none', () => {
    expect(topology(mesh(), 'DataMesh-TOPO3')).toEqual([]);
    const bare = testApp();
    l1Governance(testStack({}, bare));
    expect(topology(bare, 'DataMesh-TOPO3')).toEqual([]);
  });

  test('names every data resource of the governance account: Lake Formation registrations, data sources and Glue tables', () => {
    const app = mesh();
    const governance = app.node.findChild('Test') as Stack;
    new lakeformation.CfnResource(governance, 'Registration', { resourceArn: 'arn:aws:s3:::gov', useServiceLinkedRole: true });
    new glue.CfnTable(governance, 'Table', { catalogId: '111111111111', databaseName: 'collections', tableInput: { name: 'trees' } });
    new CfnResource(governance, 'Source', { type: 'AWS::DataZone::DataSource', properties: { Name: 's' } });
    expect(finding(app, 'DataMesh-TOPO3')?.description)
      .toMatch(/found AWS::LakeFormation::Resource Registration, AWS::Glue::Table Table, AWS::DataZone::DataSource Source\./);
  });

  test('with an environment-agnostic domain, reports only that it could not evaluate, never a breach', () => {
    const app = new App();
    l1Governance(new Stack(app, 'Agnostic'));
    new glue.CfnTable(stackIn(app, 'Data', '222222222222'), 'Table', { catalogId: '222222222222', databaseName: 'collections', tableInput: { name: 'trees' } });
    expect(topology(app, 'DataMesh-TOPO3').map((v) => v.ruleName)).toEqual(['DataMesh-TOPO3[Unverified]']);
  });
});

describe('DataMesh-ENV1: mesh stacks name their account and Region', () => {
  test('accepts mesh stacks with an environment', () => {
    expect(dataMeshFindings(mesh())).not.toContain('DataMesh-ENV1');
  });

  test('warns about an environment-agnostic mesh stack', () => {
    const violation = finding(mesh({ agnosticMember: true }), 'DataMesh-ENV1');
    expect(violation?.severity).toBe('warning');
    expect(violation?.description).toMatch(/found stack Member with no account and Region/);
  });

  test('does not apply to resources outside the mesh', () => {
    const app = new App();
    new s3.CfnBucket(new Stack(app, 'Agnostic'), 'Bucket');
    expect(dataMeshFindings(app)).not.toContain('DataMesh-ENV1');
  });

  test('reports, never passes, a stack whose environment is given as deploy-time tokens', () => {
    const app = new App();
    l1Profile(new Stack(app, 'Tokens', { env: { account: Aws.ACCOUNT_ID, region: Aws.REGION } }), [{ name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '222222222222' }]);
    expect(finding(app, 'DataMesh-ENV1')?.description).toMatch(/found stack Tokens with no account and Region/);
  });

  test('warns about a stack with an account but no Region', () => {
    const app = new App();
    l1Profile(new Stack(app, 'NoRegion', { env: { account: '111111111111' } }), [{ name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '222222222222' }]);
    expect(finding(app, 'DataMesh-ENV1')?.description).toMatch(/with no Region/);
  });
});
