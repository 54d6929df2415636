/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import { App, CfnWaitConditionHandle, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { DataMeshChecks, MeshEndpointService, TwoAzPrivateVpc } from '../../src';
import { acknowledge } from '../../src/private/acknowledge';
import { l1Network } from '../nag/fixtures';
import { ACCOUNT, REGION, reportedPaths, synthReport, testApp, testStack } from '../util';

/** The acknowledged-rules entries recorded on `scope` itself. */
function acknowledgements(scope: IConstruct): Record<string, string> {
  return Object.assign({}, ...scope.node.metadata
    .filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((e) => e.data));
}

/** Synthesize `app` with AwsSolutionsChecks; the construct paths of the findings it reports and of those aws-cdk-lib suppressed. */
function synthWithAwsSolutions(app: App): { error?: string; reported: string[]; suppressed: string[] } {
  Validations.of(app).addPlugins(new AwsSolutionsChecks());
  const { error, report } = synthReport(app);
  return { error, reported: reportedPaths(report, 'violations', 'AwsSolutions'), suppressed: reportedPaths(report, 'suppressedViolations', 'AwsSolutions') };
}

/** An existing VPC whose CIDR is a token, so TwoAzPrivateVpc acknowledges EC23 on its endpoint security group. */
function tokenCidrNetwork(stack: Stack): TwoAzPrivateVpc {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Existing', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: Fn.importValue('MeshVpcCidr'),
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    isolatedSubnetIds: ['subnet-00000000000000000', 'subnet-00000000000000001'],
  });
  return new TwoAzPrivateVpc(stack, 'Network', { vpc, endpoints: [MeshEndpointService.DATAZONE] });
}

describe('acknowledge', () => {
  test('records a cdk-nag finding per resource, unqualified, under annotation::', () => {
    const stack = testStack();
    const a = new CfnWaitConditionHandle(stack, 'A');
    acknowledge(a, 'AwsSolutions-IAM5[Resource::*]', 'r1');
    acknowledge(a, 'AwsSolutions::AwsSolutions-EC23', 'r2');
    acknowledge(a, 'DataMesh::DataMesh-VPC4[MWAA]', 'r3');
    acknowledge(a, 'AwsSolutions-L1', 'r4');
    acknowledge(a, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'r5');
    expect(acknowledgements(a)).toEqual({
      'annotation::AwsSolutions-IAM5[Resource::*]': 'r1',
      'annotation::AwsSolutions-EC23': 'r2',
      'annotation::DataMesh-VPC4[MWAA]': 'r3',
      'annotation::AwsSolutions-L1': 'r4',
      'annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': 'r5',
    });
  });

  test('leaves another plugin\'s rule id to Validations.acknowledge, app-wide by aws-cdk-lib\'s design', () => {
    const stack = testStack();
    const a = new CfnWaitConditionHandle(stack, 'A');
    acknowledge(a, 'CloudFormation-Validate::W3010', 'literal zones');
    expect(acknowledgements(a)).toEqual({ 'CloudFormation-Validate::W3010': 'literal zones' });
  });

  test('the library\'s EC23 acknowledgement does not hide EC23 on the user\'s security group in another stack', () => {
    const app = testApp();
    const network = tokenCidrNetwork(testStack({}, app));
    const user = new Stack(app, 'User', { env: { account: ACCOUNT, region: REGION } });
    const vpc = new ec2.Vpc(user, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const ssh = new ec2.SecurityGroup(user, 'OpenSsh', { vpc, description: 'SSH from anywhere' });
    ssh.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');

    const { error, reported, suppressed } = synthWithAwsSolutions(app);
    expect(error).toMatch(/AwsSolutions-EC23[^]*User\/OpenSsh\/Resource/);
    expect(reported).toContain('AwsSolutions-EC23 User/OpenSsh/Resource');
    expect(suppressed).toEqual([]);
    // The library's own security group stays acknowledged, with its reason on the construct.
    expect(reported.filter((r) => r.includes('Test/Network/'))).toEqual([]);
    expect(Object.keys(acknowledgements(network.endpointSecurityGroup!))).toEqual(['annotation::AwsSolutions-EC23']);
  });

  test('the library\'s IAM5[Resource::*] acknowledgement does not hide IAM5 on the user\'s policy in another stack', () => {
    const app = testApp();
    new TwoAzPrivateVpc(testStack({}, app), 'Network').addConnectivityProbe('Probe');
    const user = new Stack(app, 'User', { env: { account: ACCOUNT, region: REGION } });
    const role = new iam.Role(user, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Policy(user, 'Wildcard', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
    });

    const { error, reported, suppressed } = synthWithAwsSolutions(app);
    // aws-cdk-lib 2.262.0 suggests the bare id; newer releases prefix the pack's name.
    expect(error).toMatch(/User\/Wildcard\/Resource[^]*Acknowledge with '(AwsSolutions::)?AwsSolutions-IAM5\[Resource::\*\]'/);
    expect(reported).toContain('AwsSolutions-IAM5[Resource::*] User/Wildcard/Resource');
    expect(suppressed).toEqual([]);
    // The probe's role stays acknowledged.
    expect(reported.filter((r) => r.includes('Test/Network/'))).toEqual([]);
  });

  test('a mesh with only the library\'s acknowledgements synthesizes under AwsSolutionsChecks', () => {
    const app = testApp();
    new TwoAzPrivateVpc(testStack({}, app), 'Network').addConnectivityProbe('Probe');
    tokenCidrNetwork(new Stack(app, 'Existing', { env: { account: ACCOUNT, region: REGION } }));
    const { error, reported } = synthWithAwsSolutions(app);
    expect(reported).toEqual([]);
    expect(error).toBeUndefined();
  });

  /**
   * How the installed aws-cdk-lib treats acknowledgements (measured release by release, 2.262.0 - 2.276.0):
   * from 2.269.0 it accepts `::` inside a rule id's brackets; from 2.271.0 a pack-qualified id acknowledges
   * the construct it is recorded on and everything below it, no longer the whole app.
   */
  const installed = (JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version as string).split('.').map(Number);
  const atLeast = (minor: number) => installed[0] > 2 || (installed[0] === 2 && installed[1] >= minor);

  describe(`the acknowledgements the README describes for users, at the installed aws-cdk-lib ${installed.join('.')}`, () => {
    const ENDPOINTS = ['glue', 'athena', 'redshift-data', 'emr-serverless', 'bedrock-runtime', 'sagemaker.api', 'sts', 'lakeformation', 'datazone'];

    /** Two networks without an MWAA endpoint in two stacks; `acknowledgeFirst` acknowledges on the first. */
    function twoNetworks(acknowledgeFirst: (vpc: IConstruct) => void) {
      const app = testApp();
      const first = l1Network(testStack({}, app), { endpoints: ENDPOINTS });
      l1Network(new Stack(app, 'Other', { env: { account: ACCOUNT, region: REGION } }), { endpoints: ENDPOINTS });
      acknowledgeFirst(first.vpc);
      Validations.of(app).addPlugins(new DataMeshChecks());
      const { error, report } = synthReport(app);
      const paths = (key: 'violations' | 'suppressedViolations') => reportedPaths(report, key)
        .filter((entry) => entry.startsWith('DataMesh-VPC4[MWAA] ')).map((entry) => entry.slice('DataMesh-VPC4[MWAA] '.length));
      return { error, reported: paths('violations'), suppressed: paths('suppressedViolations') };
    }

    test('a pack-qualified id acknowledges the finding in the whole app before 2.271.0, on that construct and below from 2.271.0; the report records the reason', () => {
      const { error, reported, suppressed } = twoNetworks((vpc) =>
        Validations.of(vpc).acknowledge({ id: 'DataMesh::DataMesh-VPC4[MWAA]', reason: 'this mesh runs no Airflow' }));
      if (atLeast(271)) {
        expect(error).toMatch(/DataMesh-VPC4/);
        expect(reported).toEqual(['Other/Vpc']);
        expect(suppressed).toEqual(['Test/Vpc']);
      } else {
        expect(error).toBeUndefined();
        expect(reported).toEqual([]);
        expect(suppressed.sort()).toEqual(['Other/Vpc', 'Test/Vpc']);
      }
    });

    test('an unqualified id (no ::) acknowledges the finding on that construct and below only', () => {
      const { error, reported, suppressed } = twoNetworks((vpc) =>
        Validations.of(vpc).acknowledge({ id: 'DataMesh-VPC4[MWAA]', reason: 'this mesh runs no Airflow' }));
      expect(error).toMatch(/DataMesh-VPC4/);
      expect(reported).toEqual(['Other/Vpc']);
      expect(suppressed).toEqual([]);
    });

    test('the metadata form acknowledges one construct only, also for finding ids that contain ::', () => {
      const { reported, suppressed } = twoNetworks((vpc) =>
        vpc.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { 'annotation::DataMesh-VPC4[MWAA]': 'this mesh runs no Airflow' }));
      expect(reported).toEqual(['Other/Vpc']);
      expect(suppressed).toEqual([]);
      // Through Validations.acknowledge, such an id is refused before 2.269.0 and accepted from 2.269.0.
      const acknowledgeWithColons = () => Validations.of(testStack()).acknowledge({ id: 'annotation::AwsSolutions-IAM5[Resource::*]', reason: 'r' });
      if (atLeast(269)) {
        expect(acknowledgeWithColons).not.toThrow();
      } else {
        expect(acknowledgeWithColons).toThrow(/Invalid validation rule ID/);
      }
    });
  });
});
