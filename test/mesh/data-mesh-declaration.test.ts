/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataMesh, DataMeshProps } from '../../src';
import { testApp } from '../util';

const GROUP = '90676a1234-1a2b3c4d-1111-2222-3333-444455556666';
const USER = 'a1b2c3d4-1111-2222-3333-444455556666';

const MESH: DataMeshProps = {
  domainName: 'data-mesh',
  governanceAccount: '111111111111',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  producers: [{
    name: 'collections',
    account: '222222222222',
    domainUnitName: 'collections-team',
    members: [{ type: 'IDENTITY_CENTER_GROUP', identifier: GROUP, designation: 'OWNER' }],
    dataProducts: [{ databaseName: 'collections', tableNames: ['trees'], dataBucketName: 'collections-data' }],
  }],
  consumers: [{
    name: 'analytics',
    account: '333333333333',
    domainUnitName: 'analytics team',
    members: [
      { type: 'IDENTITY_CENTER_USER', identifier: USER },
      { type: 'IAM_ROLE', identifier: 'arn:aws:iam::333333333333:role/analyst', designation: 'OWNER' },
    ],
    workloads: [
      { kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/etl-job' },
      { kind: 'LAMBDA_FUNCTION', roleArn: 'arn:aws:iam::333333333333:role/service-role/report-fn', functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:report' },
      { kind: 'ECS_TASK', roleArn: 'arn:aws:iam::333333333333:role/task' },
      { kind: 'EMR_SERVERLESS', roleArn: 'arn:aws:iam::333333333333:role/emr-runtime' },
      { kind: 'IAM_ROLE', roleArn: 'arn:aws:iam::333333333333:role/bi' },
    ],
    subscriptions: [{ producer: 'collections', table: 'trees' }],
  }],
};

const YAML = `
domainName: data-mesh
governanceAccount: "111111111111"
region: eu-west-1
availabilityZones: [eu-west-1a, eu-west-1b]
producers:
  - name: collections
    account: "222222222222"
    domainUnitName: collections-team
    members: [{ type: IDENTITY_CENTER_GROUP, identifier: ${GROUP}, designation: OWNER }]
    dataProducts: [{ databaseName: collections, tableNames: [trees], dataBucketName: collections-data }]
consumers:
  - name: analytics
    account: "333333333333"
    domainUnitName: analytics team
    members:
      - { type: IDENTITY_CENTER_USER, identifier: ${USER} }
      - { type: IAM_ROLE, identifier: "arn:aws:iam::333333333333:role/analyst", designation: OWNER }
    workloads:
      - { kind: GLUE_JOB, roleArn: "arn:aws:iam::333333333333:role/etl-job" }
      - { kind: LAMBDA_FUNCTION, roleArn: "arn:aws:iam::333333333333:role/service-role/report-fn", functionArn: "arn:aws:lambda:eu-west-1:333333333333:function:report" }
      - { kind: ECS_TASK, roleArn: "arn:aws:iam::333333333333:role/task" }
      - { kind: EMR_SERVERLESS, roleArn: "arn:aws:iam::333333333333:role/emr-runtime" }
      - { kind: IAM_ROLE, roleArn: "arn:aws:iam::333333333333:role/bi" }
    subscriptions: [{ producer: collections, table: trees }]
`;

describe.each([
  ['in code', () => new DataMesh(testApp(), 'Mesh', MESH)],
  ['in a mesh file', () => DataMesh.fromDeclaration(testApp(), 'Mesh', YAML, 'mesh.yaml')],
])('A DataMesh declared %s', (_, make) => {
  const mesh = make();
  const projects = Template.fromStack(mesh.projectsStacks[0]);
  const app = Template.fromStack(mesh.consumerAppStack('analytics'));

  test('names each member\'s domain unit as declared, and puts its project in it', () => {
    for (const [unit, project] of [['collections-team', 'collections'], ['analytics team', 'analytics']]) {
      const [unitId] = Object.keys(projects.findResources('AWS::DataZone::DomainUnit', { Properties: { Name: unit } }));
      expect(unitId).toBeDefined();
      projects.hasResourceProperties('AWS::DataZone::Project', { Name: project, DomainUnitId: { 'Fn::GetAtt': [unitId, 'Id'] } });
    }
  });

  test('makes the declared project members, with their designations, after their profiles and pool grants on the member\'s unit', () => {
    projects.hasResourceProperties('AWS::DataZone::GroupProfile', { GroupIdentifier: GROUP, Status: 'ASSIGNED' });
    projects.hasResourceProperties('AWS::DataZone::UserProfile', { UserIdentifier: USER, UserType: 'SSO_USER' });
    projects.hasResourceProperties('AWS::DataZone::UserProfile', { UserIdentifier: 'arn:aws:iam::333333333333:role/analyst', UserType: 'IAM_ROLE' });
    projects.hasResourceProperties('AWS::DataZone::Project', {
      Name: 'collections',
      MembershipAssignments: [{ Designation: 'PROJECT_OWNER', Member: { GroupIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('Member0Profile'), 'Id'] } } }],
    });
    projects.hasResourceProperties('AWS::DataZone::Project', {
      Name: 'analytics',
      MembershipAssignments: [
        { Designation: 'PROJECT_CONTRIBUTOR', Member: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('Member0Profile'), 'Id'] } } },
        { Designation: 'PROJECT_OWNER', Member: { UserIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('Member1Profile'), 'Id'] } } },
      ],
    });
    const [analyticsUnit] = Object.keys(projects.findResources('AWS::DataZone::DomainUnit', { Properties: { Name: 'analytics team' } }));
    const [groupProfile] = Object.keys(projects.findResources('AWS::DataZone::GroupProfile'));
    projects.hasResourceProperties('AWS::DataZone::PolicyGrant', { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL', Principal: { Group: { GroupIdentifier: { 'Fn::GetAtt': [groupProfile, 'Id'] } } } });
    const grants = projects.findResources('AWS::DataZone::PolicyGrant', { Properties: { PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL', EntityIdentifier: { 'Fn::GetAtt': [analyticsUnit, 'Id'] } } });
    // The two declared members and the app stack's project member.
    expect(Object.keys(grants)).toHaveLength(3);
  });

  test('binds each declared workload to the consumer project through its own role, in the consumer app stack', () => {
    const targets = Object.values(app.findResources('AWS::DataZone::SubscriptionTarget'));
    expect(targets.map((t) => t.Properties.AuthorizedPrincipals).sort()).toEqual([
      ['arn:aws:iam::333333333333:role/bi'],
      ['arn:aws:iam::333333333333:role/emr-runtime'],
      ['arn:aws:iam::333333333333:role/etl-job'],
      ['arn:aws:iam::333333333333:role/service-role/report-fn'],
      ['arn:aws:iam::333333333333:role/task'],
    ]);
    app.hasResourceProperties('AWS::IAM::Policy', { Roles: ['etl-job'] });
    app.hasResourceProperties('AWS::IAM::Policy', { Roles: ['report-fn'] });
    expect(Object.keys(app.findResources('AWS::Glue::Database'))).toHaveLength(5);
  });

  test('makes the consumer app stack (workloads alone make one) after the consumer\'s subscriptions, and its project member a member', () => {
    expect(mesh.consumerAppStack('analytics').dependencies).toEqual(expect.arrayContaining([mesh.projectsStacks[0], mesh.subscriptionsStacks[0]]));
    projects.resourceCountIs('AWS::DataZone::ProjectMembership', 2);
    expect(mesh.stacks.map((s) => s.stackName)).toContain('MeshConsumerAppAnalytics');
  });
});

describe('A mesh file with mistakes in its new declarations', () => {
  test('reports each with its path in the file, what is allowed and the fix, all at once', () => {
    const text = YAML
      .replace('type: IDENTITY_CENTER_USER', 'type: SSO_USER')
      .replace('kind: ECS_TASK', 'kind: ECS')
      .replace('domainUnitName: analytics team', 'domainUnitName: collections-team');
    expect(() => DataMesh.fromDeclaration(testApp(), 'Mesh', text, 'mesh.yaml')).toThrow(
      /^DataMesh at 'Mesh' \(mesh file mesh\.yaml\) has invalid input:\n {2}- 'consumers\[0\]\.members\[0\]\.type' is "SSO_USER": must be equal to one of the allowed values .*Use IDENTITY_CENTER_USER, IDENTITY_CENTER_GROUP or IAM_ROLE\.\n {2}- 'consumers\[0\]\.workloads\[2\]\.kind' is "ECS": .*Use LAMBDA_FUNCTION, GLUE_JOB, ECS_TASK, EMR_SERVERLESS or IAM_ROLE\.$/,
    );
    // A mistake only the checks across the declaration find names the file too.
    expect(() => DataMesh.fromDeclaration(testApp(), 'Mesh', YAML.replace('domainUnitName: analytics team', 'domainUnitName: collections-team'), 'mesh.yaml')).toThrow(
      /^DataMesh at 'Mesh' \(mesh file mesh\.yaml\) has invalid input:\n {2}- 'consumers\[0\]\.domainUnitName' is 'collections-team': .*producers\[0\] has the same name.* Give one of them another domainUnitName\.$/,
    );
  });
});
