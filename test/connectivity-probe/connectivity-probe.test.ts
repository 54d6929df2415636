/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { hostnameOf, MeshEndpointService, TwoAzPrivateVpc } from '../../src';
import { expectCleanUnderBothPacks, testStack } from '../util';

describe('ConnectivityProbe', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { endpoints: [MeshEndpointService.GLUE, MeshEndpointService.MWAA_ENV, MeshEndpointService.SAGEMAKER_STUDIO] })
      .addConnectivityProbe('Probe');
    template = Template.fromStack(stack);
  });

  test('runs in the mesh VPC\'s Tooling subnets, with HTTPS out only', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'connectivity_probe.index.handler',
      VpcConfig: {
        SubnetIds: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1Subnet') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2Subnet') }],
        SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkProbeSecurityGroup'), 'GroupId'] }],
      },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Connectivity probe: HTTPS out only',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
    });
  });

  test('checks the services the VPC has endpoints for, by their regional hostnames, and S3 through its gateway', () => {
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'connectivity_probe.index.handler', VpcConfig: Match.anyValue() } })) as any[];
    expect(JSON.parse(fn.Properties.Environment.Variables.PROBE_SERVICES)).toEqual([
      { service: 'glue', hostname: 'glue.eu-west-1.amazonaws.com', kind: 'interface' },
      { service: 'airflow.env', hostname: 'env.airflow.eu-west-1.amazonaws.com', kind: 'interface' },
      { service: 'studio', hostname: 'studio.eu-west-1.sagemaker.aws', kind: 'interface' },
      { service: 'monitoring', hostname: 'monitoring.eu-west-1.amazonaws.com', kind: 'interface' },
      { service: 's3', hostname: 's3.eu-west-1.amazonaws.com', kind: 'gateway' },
    ]);
  });

  test('adds the CloudWatch metrics endpoint it publishes through, since the VPC has no route out', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.eu-west-1.monitoring',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
  });

  test('warns, and still probes CloudWatch, where the VPC\'s endpoints are managed elsewhere', () => {
    const other = testStack();
    const network = new TwoAzPrivateVpc(other, 'Network', { endpoints: [] });
    network.addConnectivityProbe('Probe');
    const t = Template.fromStack(other);
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 1); // the S3 gateway only
    const [fn] = Object.values(t.findResources('AWS::Lambda::Function', { Properties: { Handler: 'connectivity_probe.index.handler', VpcConfig: Match.anyValue() } })) as any[];
    expect(JSON.parse(fn.Properties.Environment.Variables.PROBE_SERVICES).map((s: any) => s.service)).toContain('monitoring');
    const warnings = Annotations.fromStack(other).findWarning('*', Match.stringLikeRegexp('make sure the VPC has an endpoint for com.amazonaws.eu-west-1.monitoring'));
    expect(warnings).toHaveLength(1);
  });

  test('may publish metrics only in its own namespace', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'PublishProbeMetrics',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'CdkDataMesh/Connectivity' } },
        }]),
      },
    });
  });

  test('runs at deploy, reporting without failing by default, and every 15 minutes', () => {
    template.hasResourceProperties('Custom::ConnectivityProbe', { FailOnUnreachable: 'false' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
  });

  test('alarms when any service is unreachable, or when the probe stops reporting', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CdkDataMesh/Connectivity',
      MetricName: 'UnreachableServices',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'breaching',
    });
  });

  test('is clean under DataMeshChecks and AwsSolutionsChecks, in a default mesh VPC', () => {
    const defaults = testStack();
    new TwoAzPrivateVpc(defaults, 'Network').addConnectivityProbe('Probe');
    expectCleanUnderBothPacks(defaults);
  });

  test('synthesizes with CloudFormation schema violations turned into errors', () => {
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });

  test('fails the deploy when told to, on its own schedule', () => {
    const other = testStack();
    new TwoAzPrivateVpc(other, 'Network').addConnectivityProbe('Probe', { failDeployOnUnreachable: true, schedule: Duration.hours(1) });
    const t = Template.fromStack(other);
    t.hasResourceProperties('Custom::ConnectivityProbe', { FailOnUnreachable: 'true' });
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  test('fails if the stack has no Region', () => {
    const agnostic = new Stack(new App(), 'Agnostic');
    const network = new TwoAzPrivateVpc(agnostic, 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    expect(() => network.addConnectivityProbe('Probe')).toThrow(/its stack 'Agnostic' has no concrete Region .* Give the stack 'Agnostic' an env with a region/);
  });

  test('names the hostnames of dotted and SageMaker Studio services', () => {
    expect(hostnameOf('com.amazonaws', 'sagemaker.api', 'eu-west-1')).toBe('api.sagemaker.eu-west-1.amazonaws.com');
    expect(hostnameOf('aws.sagemaker', 'studio', 'eu-west-1')).toBe('studio.eu-west-1.sagemaker.aws');
    expect(hostnameOf('com.amazonaws', 'bedrock-runtime', 'us-east-1')).toBe('bedrock-runtime.us-east-1.amazonaws.com');
  });
});
