/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BoundWorkload, CatalogDomain, ConsumerBinding, WorkloadBinding, WorkloadBindingProps } from '../../src';
import { expectCleanUnderBothPacks, testApp } from '../util';

const CONSUMER = '333333333333';
const MANAGE_ACCESS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${CONSUMER}:role/service-role/AmazonSageMakerManageAccess-`, { Ref: 'AWS::Region' }, Match.anyValue()]] };

function consumer(app: App = testApp(), account = CONSUMER): Stack {
  return new Stack(app, 'Consumer', { env: { account, region: 'eu-west-1' } });
}

function bind(stack: Stack, workload: (s: Stack) => BoundWorkload, props: Partial<WorkloadBindingProps> = {}): WorkloadBinding {
  return new WorkloadBinding(stack, 'Binding', {
    domain: CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root1', governanceAccount: '111111111111' }),
    workload: workload(stack),
    lakehouseEnvironmentId: 'env_lakehouse1',
    ...props,
  });
}

function role(stack: Stack, id: string, service: string): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal(service) });
}

/** Every kind of workload, each from code and configuration that the binding does not touch. */
const KINDS: Array<[string, (s: Stack) => BoundWorkload]> = [
  ['a Java function', (s) => BoundWorkload.lambdaFunction(new lambda.Function(s, 'Java', { runtime: lambda.Runtime.JAVA_21, handler: 'app.Handler', code: lambda.Code.fromAsset(__dirname) }))],
  ['a .NET function', (s) => BoundWorkload.lambdaFunction(new lambda.Function(s, 'Dotnet', { runtime: lambda.Runtime.DOTNET_8, handler: 'App::App.Function::Handler', code: lambda.Code.fromAsset(__dirname) }))],
  ['a Ruby function', (s) => BoundWorkload.lambdaFunction(new lambda.Function(s, 'Ruby', { runtime: lambda.Runtime.RUBY_3_3, handler: 'app.handler', code: lambda.Code.fromAsset(__dirname) }))],
  ['a custom-runtime function', (s) => BoundWorkload.lambdaFunction(new lambda.Function(s, 'Custom', { runtime: lambda.Runtime.PROVIDED_AL2023, handler: 'bootstrap', code: lambda.Code.fromAsset(__dirname) }))],
  ['a container-image function', (s) => BoundWorkload.lambdaFunction(new lambda.DockerImageFunction(s, 'Image', { code: lambda.DockerImageCode.fromEcr(ecr.Repository.fromRepositoryName(s, 'Repo', 'app')) }))],
  ['an imported function with its role', (s) => BoundWorkload.lambdaFunction(lambda.Function.fromFunctionAttributes(s, 'Imported', {
    functionArn: `arn:aws:lambda:eu-west-1:${CONSUMER}:function:legacy`, role: iam.Role.fromRoleArn(s, 'LegacyRole', `arn:aws:iam::${CONSUMER}:role/legacy`),
  }))],
  ['a Glue job', (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com'))],
  ['an ECS task', (s) => BoundWorkload.ecsTask(new ecs.FargateTaskDefinition(s, 'Task'))],
  ['an ECS task role', (s) => BoundWorkload.ecsTaskRole(role(s, 'TaskRole', 'ecs-tasks.amazonaws.com'))],
  ['an EMR Serverless runtime role', (s) => BoundWorkload.emrServerlessRuntimeRole(role(s, 'EmrRole', 'emr-serverless.amazonaws.com'))],
  ['a plain IAM role', (s) => BoundWorkload.iamRole(iam.Role.fromRoleArn(s, 'BiRole', `arn:aws:iam::${CONSUMER}:role/bi-service`))],
];

describe('WorkloadBinding', () => {
  describe.each(KINDS)('of %s', (_kind, workload) => {
    let stack: Stack;
    let template: Template;
    let binding: WorkloadBinding;
    beforeAll(() => {
      stack = consumer();
      binding = bind(stack, workload);
      template = Template.fromStack(stack);
    });

    test('creates a Glue subscription target on the project\'s lakehouse environment that authorizes the workload\'s own role', () => {
      const target = template.findResources('AWS::DataZone::SubscriptionTarget');
      expect(Object.keys(target)).toHaveLength(1);
      const props = Object.values(target)[0].Properties;
      expect(props).toMatchObject({
        DomainIdentifier: 'dzd_abc123',
        EnvironmentIdentifier: 'env_lakehouse1',
        Type: 'GlueSubscriptionTargetType',
        Provider: 'Amazon DataZone',
        ApplicableAssetTypes: ['GlueTableAssetType'],
        SubscriptionTargetConfig: [{ FormName: 'GlueSubscriptionTargetConfigForm', Content: `{"databaseName":"${binding.databaseName}"}` }],
      });
      expect(props.AuthorizedPrincipals).toEqual([stack.resolve(binding.workloadRole.roleArn)]);
    });

    test('names the account\'s manage-access role', () => {
      template.hasResourceProperties('AWS::DataZone::SubscriptionTarget', { ManageAccessRole: MANAGE_ACCESS });
    });

    test('gives the workload\'s role the catalog calls of a governed read, and no data', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [stack.resolve((binding.workloadRole as iam.Role).roleName ?? binding.workloadRole.roleName)],
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Sid: 'ReadGovernedTables', Action: 'lakeformation:GetDataAccess', Resource: '*' }),
            Match.objectLike({ Sid: 'ReadTheSubscribedTablesCatalog', Action: Match.arrayWith(['glue:GetTable', 'glue:GetPartitions']) }),
          ],
        },
      });
    });

    test('changes no function, job or task: no exec wrapper, no layer, no trust statement', () => {
      expect(template.findResources('AWS::Lambda::LayerVersion')).toEqual({});
      expect(template.findResources('Custom::ConsumerTrustBinding')).toEqual({});
      expect(template.findResources('Custom::ConsumerFunctionBinding')).toEqual({});
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        expect(fn.Properties.Environment).toBeUndefined();
        expect(fn.Properties.Layers).toBeUndefined();
      }
    });

    test('adds nothing that DataMeshChecks or AwsSolutionsChecks flag (the workload itself is its owner\'s)', () => {
      expectCleanUnderBothPacks(binding);
    });
  });

  describe('with its defaults', () => {
    let template: Template;
    let binding: WorkloadBinding;
    beforeAll(() => {
      const stack = consumer();
      binding = bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')));
      template = Template.fromStack(stack);
    });

    test('creates the database the subscribed tables appear in, and retains it', () => {
      expect(binding.databaseName).toMatch(/^mesh_[0-9a-f]{12}$/);
      template.hasResource('AWS::Glue::Database', {
        Properties: { CatalogId: CONSUMER, DatabaseInput: Match.objectLike({ Name: binding.databaseName }) },
        DeletionPolicy: 'Retain',
      });
    });

    test('grants the manage-access role CREATE_TABLE and DESCRIBE on it, before the target exists', () => {
      template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Principal: { DataLakePrincipalIdentifier: MANAGE_ACCESS },
        Resource: { Database: { CatalogId: CONSUMER, Name: binding.databaseName } },
        Permissions: ['CREATE_TABLE', 'DESCRIBE'],
      });
      const [grantId] = Object.keys(template.findResources('AWS::LakeFormation::PrincipalPermissions'));
      const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
      template.hasResource('AWS::DataZone::SubscriptionTarget', { DependsOn: Match.arrayWith([policyId, grantId]) });
    });
  });

  test('puts the subscribed tables into an existing database the workload already reads', () => {
    const stack = consumer();
    bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { databaseName: 'legacy_reports' });
    const template = Template.fromStack(stack);
    expect(template.findResources('AWS::Glue::Database')).toEqual({});
    template.hasResourceProperties('AWS::DataZone::SubscriptionTarget', {
      SubscriptionTargetConfig: [{ FormName: 'GlueSubscriptionTargetConfigForm', Content: '{"databaseName":"legacy_reports"}' }],
    });
  });

  test('looks the lakehouse environment up by the project\'s name, as the project member', () => {
    const stack = consumer();
    const binding = bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { lakehouseEnvironmentId: undefined, projectName: 'Consumer' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::ProjectEnvironmentLookup', { EnvironmentName: 'Lakehouse Database', Require: '' });
    template.hasResourceProperties('AWS::DataZone::SubscriptionTarget', {
      EnvironmentIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('Environment'), 'EnvironmentId'] },
    });
    expect(binding.projectMemberRoleName).toBe('cdk-data-mesh-project-member-eu-west-1');
  });

  test('grants the new target the subscriptions the project already has, as the project member, after the target', () => {
    const stack = consumer();
    bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { lakehouseEnvironmentId: undefined, projectId: 'prj_consumer' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::SubscriptionTargetGrants', {
      DomainId: 'dzd_abc123',
      ProjectId: 'prj_consumer',
      EnvironmentId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Environment'), 'EnvironmentId'] },
      SubscriptionTargetId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingTarget'), 'Id'] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'GrantEarlierSubscriptions',
          Action: ['datazone:ListSubscriptions', 'datazone:ListSubscriptionGrants', 'datazone:CreateSubscriptionGrant'],
        })]),
      },
      Roles: ['cdk-data-mesh-project-member-eu-west-1'],
    });
  });

  test('grants nothing itself when only the environment is named (no project to read subscriptions of)', () => {
    const stack = consumer();
    bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')));
    expect(Template.fromStack(stack).findResources('Custom::SubscriptionTargetGrants')).toEqual({});
  });

  test('leaves the workload\'s role alone with grantCatalogRead false', () => {
    const stack = consumer();
    bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { grantCatalogRead: false });
    expect(Template.fromStack(stack).findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('keeps ConsumerBinding for a function that must act as the project role', () => {
    const stack = consumer();
    const fn = new lambda.Function(stack, 'Py', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c):\n  return 1') });
    const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root1', governanceAccount: '111111111111' });
    new ConsumerBinding(stack, 'AsProject', { domain, function: fn, projectRoleArn: `arn:aws:iam::${CONSUMER}:role/datazone_usr_role_p_e` });
    new WorkloadBinding(stack, 'AsItself', { domain, workload: BoundWorkload.lambdaFunction(fn), lakehouseEnvironmentId: 'env_lakehouse1' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::DataZone::SubscriptionTarget', 1);
    template.resourceCountIs('Custom::ConsumerTrustBinding', 1);
  });

  describe('refuses, before it creates anything', () => {
    test('a function imported without its role', () => {
      const stack = consumer();
      expect(() => bind(stack, (s) => BoundWorkload.lambdaFunction(lambda.Function.fromFunctionArn(s, 'NoRole', `arn:aws:lambda:eu-west-1:${CONSUMER}:function:f`))))
        .toThrow(/'workload' is 'function Consumer\/NoRole': the Lambda function has no known role\. Import the function with its role/);
      expect(stack.node.tryFindChild('Binding')?.node.children.length ?? 0).toBe(0);
    });

    test('a role of another account', () => {
      const stack = consumer();
      expect(() => bind(stack, (s) => BoundWorkload.iamRole(iam.Role.fromRoleArn(s, 'Other', 'arn:aws:iam::222222222222:role/bi'))))
        .toThrow(/'workload' is 'arn:aws:iam::222222222222:role\/bi': the role is in account 222222222222, not in this consumer account 333333333333/);
    });

    test('another account\'s manage-access role', () => {
      const stack = consumer();
      expect(() => bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { manageAccessRoleArn: 'arn:aws:iam::222222222222:role/service-role/m' }))
        .toThrow(/'manageAccessRoleArn' is 'arn:aws:iam::222222222222:role\/service-role\/m': the role is in account 222222222222/);
    });

    test('no project, or two ways to name it', () => {
      const stack = consumer();
      expect(() => bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { projectId: 'p1' }))
        .toThrow(/'lakehouseEnvironmentId' is 'env_lakehouse1': name the consumer project once: projectId already names it/);
      expect(() => bind(consumer(), (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { lakehouseEnvironmentId: undefined }))
        .toThrow(/'projectName' is missing: name the consumer project: projectName \(created with addProject\), projectId, or lakehouseEnvironmentId/);
    });

    test('a database name Glue does not allow', () => {
      const stack = consumer();
      expect(() => bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com')), { databaseName: 'Reports-DB' }))
        .toThrow(/'databaseName' is 'Reports-DB': Glue stores database names in lower case.*'reports-db'/);
    });

    test('a binding in the governance account', () => {
      const stack = consumer(testApp(), '111111111111');
      expect(() => bind(stack, (s) => BoundWorkload.glueJob(role(s, 'GlueRole', 'glue.amazonaws.com'))))
        .toThrow(/'domain' is '111111111111': the consumer account is the governance account itself/);
    });
  });
});
