/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataMeshChecks, ManagedBlueprint, MeshMemberBaselineStackSet, MeshMemberBaselineStackSetProps, StackSetCallAs } from '../../src';
import { expectCleanUnderBothPacks, reportedPaths, synthReport, testApp } from '../util';

const GOVERNANCE = '111111111111';
const MANAGEMENT = '999999999999';
const OU = 'ou-ab12-cdef3456';

const PROPS: MeshMemberBaselineStackSetProps = {
  domainName: 'mesh',
  governanceAccount: GOVERNANCE,
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  organizationalUnitIds: [OU],
};

function managementStack(app: App = testApp()): Stack {
  return new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'eu-west-1' } });
}

function baseline(props: Partial<MeshMemberBaselineStackSetProps> = {}, stack: Stack = managementStack()) {
  const stackSet = new MeshMemberBaselineStackSet(stack, 'MemberBaseline', { ...PROPS, ...props });
  return { stack, stackSet };
}

/** The StackSet's TemplateBody, as the outer template holds it. */
function templateBody(stack: Stack): string {
  const stackSets = Object.values(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'));
  expect(stackSets).toHaveLength(1);
  return stackSets[0].Properties.TemplateBody;
}

describe('MeshMemberBaselineStackSet', () => {
  describe('by default', () => {
    let stack: Stack;
    let stackSet: MeshMemberBaselineStackSet;
    let body: string;
    let inner: Template;
    beforeAll(() => {
      ({ stack, stackSet } = baseline());
      body = templateBody(stack);
      inner = Template.fromJSON(JSON.parse(body));
    });

    test('creates a service-managed StackSet that deploys to the OUs, and to accounts that join them later, keeping their stacks when they leave', () => {
      Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
        StackSetName: 'mesh-member-baseline',
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
        CallAs: 'SELF',
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        ManagedExecution: { Active: true },
        OperationPreferences: { MaxConcurrentPercentage: 25, FailureTolerancePercentage: 10, RegionConcurrencyType: 'SEQUENTIAL' },
        StackInstancesGroup: [{
          DeploymentTargets: { OrganizationalUnitIds: [OU], AccountFilterType: 'DIFFERENCE', Accounts: [GOVERNANCE] },
          Regions: ['eu-west-1'],
        }],
      });
    });

    test('gives the StackSet the baseline as a minified TemplateBody within CloudFormation\'s 51,200 bytes', () => {
      expect(body).toEqual(JSON.stringify(JSON.parse(body)));
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(51_200);
    });

    test('holds the private network, the named roles, the Tooling bucket, the Tooling blueprint and its grant', () => {
      inner.resourceCountIs('AWS::EC2::VPC', 1);
      inner.resourceCountIs('AWS::EC2::Subnet', 2);
      inner.resourceCountIs('AWS::EC2::InternetGateway', 0);
      inner.hasResourceProperties('AWS::IAM::Role', { RoleName: `AmazonSageMakerProvisioning-${GOVERNANCE}` });
      inner.hasResourceProperties('AWS::IAM::Role', { RoleName: { 'Fn::Join': ['-', ['AmazonSageMakerManageAccess-eu-west-1', { Ref: Match.stringLikeRegexp('DomainIdParameter') }]] } });
      inner.hasResourceProperties('AWS::IAM::Role', { RoleName: 'cdk-data-mesh-project-member-eu-west-1' });
      inner.hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' }, LoggingConfiguration: { LogFilePrefix: 'tooling/' } });
      inner.resourceCountIs('AWS::DataZone::EnvironmentBlueprintConfiguration', 1);
      inner.hasResourceProperties('AWS::DataZone::EnvironmentBlueprintConfiguration', {
        EnvironmentBlueprintIdentifier: 'Tooling',
        EnabledRegions: ['eu-west-1'],
        DomainIdentifier: { Ref: Match.stringLikeRegexp('DomainIdParameter') },
      });
    });

    test('names each target account by AWS::AccountId, never the management account', () => {
      inner.hasResourceProperties('AWS::DataZone::PolicyGrant', {
        EntityIdentifier: { 'Fn::Join': [':', [{ Ref: 'AWS::AccountId' }, { 'Fn::GetAtt': [Match.stringLikeRegexp('ToolingBlueprint'), 'EnvironmentBlueprintId'] }]] },
        PolicyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
      });
      expect(body).not.toContain(MANAGEMENT);
    });

    test('reads the domain and root unit ids from the governance account\'s shared parameters, as template parameters with defaults', () => {
      const parameters = Object.values(inner.toJSON().Parameters) as any[];
      expect(parameters).toHaveLength(2);
      for (const parameter of parameters) {
        expect(parameter.Type).toEqual('AWS::SSM::Parameter::Value<String>');
        expect(parameter.Default).toMatch(new RegExp(`^arn:aws:ssm:eu-west-1:${GOVERNANCE}:parameter/`));
      }
    });

    test('holds no asset, no function, no custom resource and no bootstrap version check', () => {
      const types = Object.values(inner.toJSON().Resources).map((r: any) => r.Type as string);
      expect(types.filter((t) => t.startsWith('AWS::Lambda::') || t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
      expect(inner.toJSON().Parameters.BootstrapVersion).toBeUndefined();
      expect(inner.toJSON().Rules).toBeUndefined();
      expect(stackSet.baselineStack.synthesizer.constructor.name).not.toEqual('DefaultStackSynthesizer');
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks, outside and inside', () => {
      expectCleanUnderBothPacks(stack);
      expectCleanUnderBothPacks(stackSet.baselineStack);
    });

    test('is no stack of the management account\'s app', () => {
      const artifacts = stack.node.root instanceof App ? (stack.node.root as App).synth().stacks.map((s) => s.stackName) : [];
      expect(artifacts).toEqual(['Management']);
    });

    const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf-8' });
    (cfnLint.status === 0 ? test : test.skip)('passes cfn-lint, the outer template and the baseline', () => {
      const dir = mkdtempSync(join(tmpdir(), 'stackset-lint-'));
      writeFileSync(join(dir, 'baseline.template.json'), body);
      writeFileSync(join(dir, 'management.template.json'), JSON.stringify(Template.fromStack(stack).toJSON()));
      const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', join(dir, 'baseline.template.json'), join(dir, 'management.template.json')], { encoding: 'utf-8' });
      // Exit code bits: 2 errors, 4 warnings, 8 informational; only errors fail (scripts/cfn-lint.sh).
      expect([0, 4, 8, 12]).toContain(result.status);
      expect(result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line))).toEqual([]);
    });
  });

  test('enables further blueprints one after the other, Tooling first', () => {
    const { stack } = baseline({ blueprints: [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE] });
    const inner = Template.fromJSON(JSON.parse(templateBody(stack)));
    inner.resourceCountIs('AWS::DataZone::EnvironmentBlueprintConfiguration', 2);
    inner.resourceCountIs('AWS::DataZone::PolicyGrant', 2);
    inner.hasResource('AWS::DataZone::EnvironmentBlueprintConfiguration', {
      Properties: { EnvironmentBlueprintIdentifier: 'DataLake' },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('ToolingBlueprint')]),
    });
  });

  test('is called as a delegated administrator and drops leaving accounts\' stacks when told to', () => {
    const { stack } = baseline({ callAs: StackSetCallAs.DELEGATED_ADMIN, retainStacksOnAccountRemoval: false, stackSetName: 'members', maxConcurrentPercentage: 100, failureTolerancePercentage: 0 });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'members',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      OperationPreferences: { MaxConcurrentPercentage: 100, FailureTolerancePercentage: 0 },
    });
  });

  test('targets the Organization root', () => {
    const { stack } = baseline({ organizationalUnitIds: ['r-ab12'] });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] } }],
    });
  });

  test('uses the given CIDR block in every account', () => {
    const { stack } = baseline({ cidr: '10.20.0.0/16' });
    Template.fromJSON(JSON.parse(templateBody(stack))).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
  });

  describe('at synth, with validation plugins', () => {
    test('synthesizes the management account\'s app with both packs registered on it, with no finding', () => {
      const app = testApp({ context: { '@aws-cdk/core:validationReportJson': true } });
      Validations.of(app).addPlugins(new DataMeshChecks(), new AwsSolutionsChecks());
      baseline({}, managementStack(app));
      const { error, report } = synthReport(app);
      expect(error).toBeUndefined();
      expect(reportedPaths(report)).toEqual([]);
    });

    test('passes DataMeshChecks and AwsSolutionsChecks on the baseline', () => {
      const { stack } = baseline({ validationPlugins: [new DataMeshChecks(), new AwsSolutionsChecks()] });
      expect(() => templateBody(stack)).not.toThrow();
    });

    test('fails the app\'s synth when a plugin reports the baseline', () => {
      const refuseAll: IPolicyValidationPlugin = {
        name: 'refuse-all',
        validate: (context) => ({
          success: false,
          violations: [{
            ruleName: 'no-baseline',
            description: 'refused',
            severity: 'error',
            violatingResources: [{ resourceLogicalId: 'Anything', templatePath: context.templatePaths[0], locations: ['Resources'] }],
          }],
        }),
      };
      const { stack } = baseline({ validationPlugins: [refuseAll] });
      expect(() => templateBody(stack)).toThrow(/Validation failed|no-baseline|refuse-all/);
    });
  });

  describe('refuses, naming the property', () => {
    test.each([
      ['an OU id of the wrong shape', { organizationalUnitIds: ['ou-AB12-cdef3456'] }, /'organizationalUnitIds' is \["ou-AB12-cdef3456"\]: an OU id is ou-/],
      ['an account id instead of an OU', { organizationalUnitIds: ['222222222222'] }, /'organizationalUnitIds' is \["222222222222"\]/],
      ['no OU', { organizationalUnitIds: [] }, /'organizationalUnitIds' is \[\]: at least one OU or the Organization root/],
      ['the same OU twice', { organizationalUnitIds: [OU, OU] }, /each OU may be named once/],
      ['the root beside an OU', { organizationalUnitIds: ['r-ab12', OU] }, /the root already holds every OU/],
      ['a Region aws-cdk-lib does not know', { region: 'eu-west-9' }, /'region' is 'eu-west-9': it is not an AWS Region/],
      ['a governance account that is not 12 digits', { governanceAccount: '1111' }, /'governanceAccount' is '1111'/],
      ['a StackSet name with an underscore', { stackSetName: 'mesh_baseline' }, /'stackSetName' is 'mesh_baseline': a letter, then/],
      ['a concurrency of 0 %', { maxConcurrentPercentage: 0 }, /'maxConcurrentPercentage' is 0: a whole percentage from 1 to 100/],
      ['a failure tolerance above 100 %', { failureTolerancePercentage: 101 }, /'failureTolerancePercentage' is 101: a whole percentage from 0 to 100/],
      ['zones of another Region', { availabilityZones: ['us-east-1a', 'us-east-1b'] }, /'availabilityZones'.*every zone must be in the stack's Region eu-west-1/],
    ])('%s', (_what, props, message) => {
      expect(() => baseline(props as Partial<MeshMemberBaselineStackSetProps>)).toThrow(message);
    });

    test('a Lambda function with a code asset in the baseline', () => {
      const { stackSet } = baseline();
      expect(() => new lambda.Function(stackSet.baselineStack, 'Function', {
        runtime: lambda.Runtime.PYTHON_3_13,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(join(__dirname, '..', '..', 'src', 'handlers')),
      })).toThrow(/cannot hold the file asset .*stack instances cannot read this account's asset bucket/);
    });

    test('a baseline larger than a TemplateBody holds, at synth', () => {
      const { stack, stackSet } = baseline();
      stackSet.baselineStack.templateOptions.metadata = { Filler: 'x'.repeat(40_000) };
      expect(() => templateBody(stack)).toThrow(/the member baseline's template is \d+ bytes: a StackSet's TemplateBody holds at most 51200 bytes/);
    });
  });
});
