/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bind, consumer, CONSUMER, EXISTING } from './fixture';
import { CatalogDomain, ConsumerBinding } from '../../src';
import { expectCleanUnderBothPacks, runtimeNames, testApp } from '../util';

function ownFunction(stack: Stack, runtime = lambda.Runtime.PYTHON_3_13) {
  const code = runtime.supportsInlineCode ? lambda.Code.fromInline('def handler(e, c):\n  return 1') : lambda.Code.fromAsset(__dirname);
  return new lambda.Function(stack, 'Own', { runtime, handler: 'index.handler', code });
}

describe('ConsumerBinding', () => {
  describe('of an existing function imported by ARN', () => {
    let stack: Stack;
    let template: Template;
    beforeAll(() => {
      stack = consumer();
      bind(stack, lambda.Function.fromFunctionArn(stack, 'Existing', EXISTING));
      template = Template.fromStack(stack);
    });

    test('reads the function\'s role first, without changing the function', () => {
      template.hasResourceProperties('Custom::ConsumerFunctionBinding', { FunctionName: EXISTING, ReadOnly: 'true' });
    });

    test('merges the exec wrapper, the role, the Glue database and the Athena workgroup into its configuration', () => {
      template.hasResourceProperties('Custom::ConsumerFunctionBinding', {
        FunctionName: EXISTING,
        ReadOnly: Match.absent(),
        LayerArn: { Ref: Match.stringLikeRegexp('^BindingWrapperLayer') },
        Environment: {
          AWS_LAMBDA_EXEC_WRAPPER: '/opt/cdk-data-mesh/assume-role-wrapper',
          MESH_ROLE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingProjectRole'), 'RoleArn'] },
          MESH_GLUE_DATABASE: 'glue_db_consumer',
          MESH_ATHENA_WORKGROUP: 'workgroup-consumer',
        },
      });
    });

    test('lets the binding handler change only that function\'s configuration', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Sid: 'MergeFunctionConfiguration', Effect: 'Allow', Action: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'], Resource: EXISTING },
          ]),
        },
      });
    });

    test('ships the wrapper in a layer for the Python and Node.js runtimes', () => {
      template.hasResourceProperties('AWS::Lambda::LayerVersion', {
        // python3.10 … python3.14 and nodejs18.x … nodejs24.x on 2.262.0; a newer aws-cdk-lib adds its newer runtimes.
        CompatibleRuntimes: [...runtimeNames('python', [3, 10]), ...runtimeNames('nodejs', [18, 0])],
      });
    });

    test('adds one statement naming the function\'s role (read at deploy) to the project role\'s trust, after the role may assume it', () => {
      template.hasResource('Custom::ConsumerTrustBinding', {
        Properties: {
          RoleName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingProjectRole'), 'RoleName'] },
          PrincipalArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingFunctionRoleReader'), 'RoleArn'] },
          Sid: Match.stringLikeRegexp('^CdkDataMeshBinding[0-9a-f]{12}$'),
        },
        DependsOn: Match.arrayWith([Match.stringLikeRegexp('^BindingAssumeProjectRole')]),
      });
      template.hasResource('Custom::ConsumerFunctionBinding', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^BindingTrust')]) });
    });

    test('lets the function\'s role assume the consumer project role and no other role', () => {
      const projectRole = { 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingProjectRole'), 'RoleArn'] };
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            { Sid: 'AssumeTheConsumerProjectRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: projectRole },
            { Sid: 'AssumeNoOtherRole', Effect: 'Deny', Action: 'sts:AssumeRole', NotResource: projectRole },
          ],
        },
        Roles: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingFunctionRoleReader'), 'RoleName'] }],
      });
    });

    test('looks the consumer project\'s role up by the project id handed over from the governance account', () => {
      template.hasResourceProperties('Custom::ProjectRoleLookup', { ProjectId: { Ref: Match.stringLikeRegexp('ProjectIdParameter') } });
    });

    test('re-applies the trust statement and the configuration every 15 minutes', () => {
      const [rule] = Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(15 minutes)' } })) as any[];
      const inputs = rule.Properties.Targets.map((t: any) => JSON.stringify(t.Input));
      expect(inputs).toHaveLength(2);
      expect(inputs.filter((i: string) => /RequestType\\":\\"Reconcile.*PrincipalArn/.test(i))).toHaveLength(1);
      expect(inputs.filter((i: string) => /RequestType\\":\\"Reconcile.*FunctionName\\":\\"arn:aws:lambda:eu-west-1:333333333333:function:consumer_function/.test(i))).toHaveLength(1);
    });

    test('re-applies the trust statement on every UpdateAssumeRolePolicy of the project role that CloudTrail reports', () => {
      const rules = template.findResources('AWS::Events::Rule', {
        Properties: {
          EventPattern: {
            'source': ['aws.iam'],
            'detail-type': ['AWS API Call via CloudTrail'],
            'detail': {
              eventSource: ['iam.amazonaws.com'],
              eventName: ['UpdateAssumeRolePolicy'],
              requestParameters: { roleName: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BindingProjectRole'), 'RoleName'] }] },
            },
          },
        },
      });
      const [rule] = Object.values(rules) as any[];
      expect(rule.Properties.Targets).toHaveLength(1);
      expect(JSON.stringify(rule.Properties.Targets[0].Input)).toMatch(/RequestType\\":\\"Reconcile.*Sid\\":\\"CdkDataMeshBinding[0-9a-f]{12}/);
      expect(rule.Properties.Targets[0].Arn['Fn::GetAtt'][0]).toMatch(/^CdkDataMeshBindingTrustProviderOnEvent/);
    });

    test('alarms when a reconciliation had to restore the trust statement of this binding', () => {
      const trust = Object.values(template.findResources('Custom::ConsumerTrustBinding')) as any[];
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'cdk-data-mesh',
        MetricName: 'TrustStatementRestored',
        Dimensions: [{ Name: 'Binding', Value: trust[0].Properties.Sid }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    test('lets the wrapper\'s project-role sessions assume the project role again, for code that assumes it itself', () => {
      const [binding] = Object.values(template.findResources('Custom::ConsumerFunctionBinding', { Properties: { ReadOnly: Match.absent() } })) as any[];
      const session = binding.Properties.Environment.MESH_SESSION_NAME;
      expect(session).toMatch(/^cdk-data-mesh-[0-9a-f]{12}$/);
      template.hasResourceProperties('Custom::ConsumerTrustBinding', { SelfAssumeSessionName: session });
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  test('binds a function of the same app directly: layer, environment and its own role', () => {
    const stack = consumer();
    const fn = ownFunction(stack);
    const binding = bind(stack, fn, { projectName: undefined, projectRoleArn: `arn:aws:iam::${CONSUMER}:role/datazone_usr_role_prj1_env1`, reconcileInterval: Duration.minutes(0) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Layers: [{ Ref: Match.stringLikeRegexp('^BindingWrapperLayer') }],
      Environment: { Variables: Match.objectLike({ AWS_LAMBDA_EXEC_WRAPPER: '/opt/cdk-data-mesh/assume-role-wrapper', MESH_ROLE_ARN: `arn:aws:iam::${CONSUMER}:role/datazone_usr_role_prj1_env1` }) },
    });
    template.resourceCountIs('Custom::ConsumerFunctionBinding', 0);
    template.resourceCountIs('Custom::ProjectRoleLookup', 0);
    expect(Object.keys(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: Match.anyValue() } }))).toHaveLength(0);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('Custom::ConsumerTrustBinding', { RoleName: 'datazone_usr_role_prj1_env1', PrincipalArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnServiceRole'), 'Arn'] } });
    expect(binding.functionRole).toBe(fn.role);
  });

  test('adds no self-trust when allowSelfAssumption is false', () => {
    const stack = consumer();
    bind(stack, lambda.Function.fromFunctionArn(stack, 'Existing', EXISTING), { allowSelfAssumption: false });
    Template.fromStack(stack).hasResourceProperties('Custom::ConsumerTrustBinding', { SelfAssumeSessionName: Match.absent() });
  });

  test('lets the function\'s own role assume other roles when denyOtherRoles is false', () => {
    const stack = consumer();
    bind(stack, lambda.Function.fromFunctionArn(stack, 'Existing', EXISTING), { denyOtherRoles: false });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Sid: 'AssumeTheConsumerProjectRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: Match.anyValue() }] },
    });
  });

  describe('without athenaWorkgroup (F6)', () => {
    test('looks the consumer project\'s Athena workgroup up as the stack\'s project member and gives it to the function', () => {
      const stack = consumer();
      const binding = bind(stack, lambda.Function.fromFunctionArn(stack, 'Existing', EXISTING), { athenaWorkgroup: undefined });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('Custom::ProjectEnvironmentLookup', {
        ProjectId: { Ref: Match.stringLikeRegexp('^BindingProjectIdParameter') },
        EnvironmentName: 'Tooling',
        Require: 'AthenaWorkgroup',
      });
      template.hasResourceProperties('Custom::ConsumerFunctionBinding', {
        ReadOnly: Match.absent(),
        Environment: Match.objectLike({
          MESH_ATHENA_WORKGROUP: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshProjectMember[0-9a-f]{8}Environment'), 'AthenaWorkgroup'] },
        }),
      });
      // The account's project-member role (MeshMemberAccount creates it) gets this stack's statements.
      expect(binding.projectMemberRoleName).toBe('cdk-data-mesh-project-member-eu-west-1');
      expect(template.findResources('AWS::IAM::Role', { Properties: { RoleName: binding.projectMemberRoleName } })).toEqual({});
      template.hasResourceProperties('AWS::IAM::Policy', { Roles: [binding.projectMemberRoleName] });
      // The project id is read from the hand-off once, for the role lookup and the workgroup lookup.
      expect(Object.keys(template.toJSON().Parameters).filter((p) => p.startsWith('BindingProjectIdParameter'))).toHaveLength(1);
    });

    test('sets a workgroup given explicitly and looks nothing up', () => {
      const stack = consumer();
      const binding = bind(stack, lambda.Function.fromFunctionArn(stack, 'Existing', EXISTING));
      Template.fromStack(stack).resourceCountIs('Custom::ProjectEnvironmentLookup', 0);
      expect(binding.projectMemberRoleName).toBeUndefined();
    });

    test('cannot look it up when only the project role is given, and leaves the variable unset', () => {
      const stack = consumer();
      const fn = ownFunction(stack);
      bind(stack, fn, { projectName: undefined, athenaWorkgroup: undefined, projectRoleArn: `arn:aws:iam::${CONSUMER}:role/datazone_usr_role_prj1_env1` });
      const template = Template.fromStack(stack);
      template.resourceCountIs('Custom::ProjectEnvironmentLookup', 0);
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MESH_ATHENA_WORKGROUP: Match.absent() }) } });
    });
  });

  test('uses the role of an existing function imported with its role', () => {
    const stack = consumer();
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${CONSUMER}:role/smus_consumer_lambda`);
    bind(stack, lambda.Function.fromFunctionAttributes(stack, 'Existing', { functionArn: EXISTING, role }));
    Template.fromStack(stack).hasResourceProperties('Custom::ConsumerTrustBinding', { PrincipalArn: `arn:aws:iam::${CONSUMER}:role/smus_consumer_lambda` });
  });

  test('two bindings in one stack share one trust provider and one function provider, whose statement lists both functions', () => {
    const stack = consumer();
    const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: '111111111111' });
    for (const name of ['first', 'second']) {
      new ConsumerBinding(stack, `Binding${name}`, {
        domain,
        function: lambda.Function.fromFunctionArn(stack, `Existing${name}`, `arn:aws:lambda:eu-west-1:${CONSUMER}:function:${name}`),
        projectName: 'Consumer',
        glueDatabaseName: 'glue_db_consumer',
        athenaWorkgroup: 'workgroup-consumer',
      });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::ConsumerTrustBinding', 2);
    const handlers = Object.values(template.findResources('AWS::Lambda::Function')).map((f: any) => String(f.Properties.Handler));
    for (const kind of ['binding_trust', 'function_binding', 'project_role']) {
      expect({ kind, onEvent: handlers.filter((h) => h === `${kind}.index.on_event`).length }).toEqual({ kind, onEvent: 1 });
    }
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Sid === 'MergeFunctionConfiguration');
    expect(statements).toHaveLength(1);
    expect(statements[0].Resource).toEqual([`arn:aws:lambda:eu-west-1:${CONSUMER}:function:first`, `arn:aws:lambda:eu-west-1:${CONSUMER}:function:second`]);
    expectCleanUnderBothPacks(stack);
  });

  describe('fails if', () => {
    test('the function is in another account than the consumer account', () => {
      const stack = consumer();
      expect(() => bind(stack, lambda.Function.fromFunctionArn(stack, 'Elsewhere', 'arn:aws:lambda:eu-west-1:222222222222:function:f')))
        .toThrow(/the function is in account 222222222222, not in this consumer account 333333333333/);
    });

    test('the ARN is not a Lambda function\'s', () => {
      const stack = consumer();
      const notLambda = { functionArn: 'arn:aws:s3:::bucket', env: { account: CONSUMER, region: 'eu-west-1' } } as unknown as lambda.IFunction;
      expect(() => bind(stack, notLambda)).toThrow(/'function' is 'arn:aws:s3:::bucket': expected a Lambda function ARN/);
    });

    test('the function\'s runtime is not supported, listing the supported ones', () => {
      const stack = consumer();
      expect(() => bind(stack, ownFunction(stack, lambda.Runtime.JAVA_21)))
        .toThrow(/'function' is 'java21': the binding supports the runtimes python3.10, .*nodejs22.x/);
    });

    test('the consumer account is the governance account', () => {
      const stack = consumer(testApp(), '111111111111');
      expect(() => bind(stack, lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:eu-west-1:111111111111:function:f')))
        .toThrow(/'domain' is '111111111111': the consumer account is the governance account itself/);
    });

    test('no project is named, or two ways at once', () => {
      const stack = consumer();
      const fn = lambda.Function.fromFunctionArn(stack, 'F', EXISTING);
      expect(() => bind(stack, fn, { projectName: undefined })).toThrow(/name the consumer project once/);
      expect(() => bind(consumer(), lambda.Function.fromFunctionArn(consumer(testApp()), 'G', EXISTING), { projectId: 'prj1' })).toThrow(/name the consumer project once/);
    });
  });
});
