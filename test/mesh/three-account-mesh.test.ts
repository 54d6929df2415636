/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ThreeAccountMesh, ThreeAccountMeshProps } from '../../src';
import { testApp } from '../util';

const PROPS: ThreeAccountMeshProps = {
  domainName: 'data-mesh',
  governanceAccount: '111111111111',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  producer: { account: '222222222222', databaseName: 'collections', tableNames: ['trees', 'birds'], dataBucketName: 'collections-data' },
  consumer: { account: '333333333333', functionArn: 'arn:aws:lambda:eu-west-1:333333333333:function:consumer_function' },
};

describe('ThreeAccountMesh', () => {
  test('lays the seed\'s mesh out in seven stacks in the three accounts, named after the construct', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const stacks = [
      mesh.governanceStack, mesh.producerStack, mesh.consumerStack, mesh.projectsStack,
      mesh.producerDataStack, mesh.subscriptionsStack, mesh.consumerAppStack,
    ];
    expect(stacks.map((s) => `${s.stackName}@${s.account}`)).toEqual([
      'MeshGovernance@111111111111', 'MeshProducer@222222222222', 'MeshConsumer@333333333333', 'MeshProjects@111111111111',
      'MeshProducerData@222222222222', 'MeshSubscriptions@111111111111', 'MeshConsumerApp@333333333333',
    ]);
    expect(new Set(stacks.map((s) => s.region))).toEqual(new Set(['eu-west-1']));
  });

  test('orders the deploy: governance, members, projects, producer data, subscriptions; the consumer app after its project and its subscriptions', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const dependsOn = (stack: any) => stack.dependencies.map((d: any) => d.stackName).sort();
    expect(dependsOn(mesh.producerStack)).toEqual(['MeshGovernance']);
    expect(dependsOn(mesh.consumerStack)).toEqual(['MeshGovernance']);
    expect(dependsOn(mesh.projectsStack)).toEqual(expect.arrayContaining(['MeshConsumer', 'MeshProducer']));
    expect(dependsOn(mesh.producerDataStack)).toEqual(['MeshProjects']);
    expect(dependsOn(mesh.subscriptionsStack)).toEqual(expect.arrayContaining(['MeshProducerData']));
    expect(dependsOn(mesh.consumerAppStack)).toEqual(['MeshProjects', 'MeshSubscriptions']);
  });

  test('binds more existing workloads of any kind in the consumer app stack, each through its own role and no code change', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', {
      ...PROPS,
      consumer: { ...PROPS.consumer, workloads: [{ kind: 'GLUE_JOB', roleArn: 'arn:aws:iam::333333333333:role/nightly_etl' }] },
    });
    const app = Template.fromStack(mesh.consumerAppStack);
    app.resourceCountIs('AWS::DataZone::SubscriptionTarget', 1);
    app.hasResourceProperties('AWS::DataZone::SubscriptionTarget', { AuthorizedPrincipals: ['arn:aws:iam::333333333333:role/nightly_etl'] });
    app.hasResourceProperties('AWS::IAM::Policy', { Roles: ['nightly_etl'] });
    // The function is still bound as before, through the exec wrapper.
    const bindings = Template.fromStack(new ThreeAccountMesh(testApp(), 'Mesh', PROPS).consumerAppStack).findResources('Custom::ConsumerFunctionBinding');
    expect(Object.keys(app.findResources('Custom::ConsumerFunctionBinding'))).toEqual(Object.keys(bindings));
  });

  test('binds no other workload by default: the consumer app stack holds no subscription target', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    Template.fromStack(mesh.consumerAppStack).resourceCountIs('AWS::DataZone::SubscriptionTarget', 0);
  });

  test('subscribes the consumer project to every published table', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const template = Template.fromStack(mesh.subscriptionsStack);
    template.resourcePropertiesCountIs('Custom::ConsumerSubscription', {}, 2);
    template.hasResourceProperties('Custom::ConsumerSubscription', { AssetName: 'birds' });
  });

  test('encrypts the domain with an AWS owned key, so no caller in any account needs a KMS permission on it', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const governance = Template.fromStack(mesh.governanceStack);
    governance.hasResourceProperties('AWS::DataZone::Domain', { KmsKeyIdentifier: Match.absent() });
    governance.resourceCountIs('AWS::KMS::Key', 0);
    expect(mesh.domain.encryptionKey).toBeUndefined();
  });

  test('makes each member stack\'s project member a member of its project in the projects stack, one membership per project', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const projects = Template.fromStack(mesh.projectsStack);
    // The member accounts' first stacks create the roles, so they exist before the projects stack registers them.
    const roleName = (stack: any) => Template.fromStack(stack).findResources('AWS::IAM::Role', { Properties: { RoleName: Match.stringLikeRegexp('^cdk-data-mesh-project-member-') } });
    const [producerMember] = Object.values(roleName(mesh.producerStack)).map((r) => r.Properties.RoleName);
    const [consumerMember] = Object.values(roleName(mesh.consumerStack)).map((r) => r.Properties.RoleName);
    expect([producerMember, consumerMember]).toEqual(['cdk-data-mesh-project-member-eu-west-1', 'cdk-data-mesh-project-member-eu-west-1']);
    expect(mesh.projectsStack.dependencies).toEqual(expect.arrayContaining([mesh.producerStack, mesh.consumerStack]));
    for (const stack of [mesh.producerDataStack, mesh.consumerAppStack]) {
      expect(roleName(stack)).toEqual({});
    }
    for (const [account, name] of [['222222222222', producerMember], ['333333333333', consumerMember]]) {
      projects.hasResourceProperties('AWS::DataZone::UserProfile', {
        UserIdentifier: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/${name}`]] },
        UserType: 'IAM_ROLE',
      });
    }
    const memberships = Object.values(projects.findResources('AWS::DataZone::ProjectMembership')).map((m) => m.Properties);
    expect(memberships.map((m) => [m.ProjectIdentifier['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''), m.Designation])).toEqual([
      ['ProducerProfileProducerProject', 'PROJECT_OWNER'], ['ConsumerProfileConsumerProject', 'PROJECT_CONTRIBUTOR'],
    ]);
    for (const membership of Object.values(projects.findResources('AWS::DataZone::ProjectMembership'))) {
      expect(membership.DependsOn).toEqual([expect.stringMatching(/MemberPoolGrant/)]);
    }
  });

  test('puts the producer deployer in the member pool by the id of its profile, found or created at deploy (DataZone may have made one when it enabled blueprints)', () => {
    const mesh = new ThreeAccountMesh(testApp(), 'Mesh', PROPS);
    const projects = Template.fromStack(mesh.projectsStack);
    const deployer = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1' };
    const profiles = projects.findResources('Custom::UserProfile', { Properties: { UserIdentifier: deployer } });
    expect(Object.keys(profiles)).toHaveLength(1);
    projects.hasResourceProperties('AWS::DataZone::PolicyGrant', {
      PolicyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      Principal: { User: { UserIdentifier: { 'Fn::GetAtt': [Object.keys(profiles)[0], 'Id'] } } },
    });
    expect(JSON.stringify(projects.findResources('AWS::DataZone::UserProfile'))).not.toContain('cfn-exec-role');
  });

  test('fails if two roles share an account', () => {
    expect(() => new ThreeAccountMesh(testApp(), 'Mesh', { ...PROPS, consumer: { ...PROPS.consumer, account: '222222222222' } }))
      .toThrow(/governance, producer and consumer must be three distinct accounts/);
  });
});
