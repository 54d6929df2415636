/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Aws, CustomResource, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
