/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnWaitConditionHandle, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { MeshEndpointService, TwoAzPrivateVpc } from '../../src';
import { ACCOUNT, AZS, dataMeshFindings, expectCleanUnderBothPacks, reportedPaths, REGION, synthReport, testApp, testStack } from '../util';

function existingVpc(stack: Stack, zones: string[], opts: { publicSubnets?: boolean } = {}): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Existing', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: zones,
    isolatedSubnetIds: zones.map((_, i) => `subnet-0000000000000000${i}`),
    publicSubnetIds: opts.publicSubnets ? zones.map((_, i) => `subnet-1111111111111111${i}`) : undefined,
  });
}

describe('TwoAzPrivateVpc', () => {
  describe('by default', () => {
    let stack: Stack;
    let network: TwoAzPrivateVpc;
    let template: Template;
    beforeAll(() => {
      stack = testStack();
      network = new TwoAzPrivateVpc(stack, 'Network');
      template = Template.fromStack(stack);
    });

    test('defines exactly two private subnets, in two distinct Availability Zones', () => {
      template.resourceCountIs('AWS::EC2::Subnet', 2);
      template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1a', MapPublicIpOnLaunch: false });
      template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b', MapPublicIpOnLaunch: false });
      expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    });

    test('defines no internet gateway, no NAT gateway and no route to the internet', () => {
      template.resourceCountIs('AWS::EC2::InternetGateway', 0);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::Route', 0);
    });

    test('defines an interface endpoint with private DNS for every default service', () => {
      const expected = MeshEndpointService.defaults();
      template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true }, expected.length);
      for (const service of ['glue', 'athena', 'redshift-data', 'emr-serverless', 'airflow.env', 'bedrock-runtime', 'sagemaker.api', 'sts', 'lakeformation', 'datazone', 'kms', 'logs']) {
        template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: `com.amazonaws.eu-west-1.${service}`, VpcEndpointType: 'Interface' });
      }
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'aws.sagemaker.eu-west-1.studio' });
      expect(network.interfaceEndpoints).toHaveLength(expected.length);
    });

    test('puts every interface endpoint behind one security group that admits HTTPS from the VPC CIDR only', () => {
      template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
      });
      const endpoints = template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } });
      const groups = new Set(Object.values(endpoints).map((e: any) => JSON.stringify(e.Properties.SecurityGroupIds)));
      expect(groups.size).toBe(1);
    });

    test('defines an S3 gateway endpoint on the private route tables', () => {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
        VpcEndpointType: 'Gateway',
      });
      const gateway = Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } }))[0] as any;
      expect(gateway.Properties.RouteTableIds).toHaveLength(2);
    });

    test('sends all flow logs to a log group encrypted with a rotating key, both retained', () => {
      template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: { RetentionInDays: 365, KmsKeyId: Match.anyValue() },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    });

    test('lets only this account\'s flow logs assume the flow log role (aws:SourceAccount, aws:SourceArn)', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': stack.account },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ec2:${stack.region}:${stack.account}:vpc-flow-log/*`]] } },
            },
          }],
        },
      });
    });

    test('lets CloudWatch Logs use the flow log key only for this account\'s log groups', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*']] },
              },
            },
          })]),
        },
      });
    });

    test('exposes the VPC id, the subnet ids and the comma-separated Tooling Subnets value', () => {
      expect(network.subnetIds).toHaveLength(2);
      expect(stack.resolve(network.toolingSubnets)).toEqual({ 'Fn::Join': [',', [{ Ref: Match.anyValue() }, { Ref: Match.anyValue() }].map(() => expect.objectContaining({ Ref: expect.any(String) }))] });
      expect(stack.resolve(network.vpcId)).toEqual({ Ref: expect.stringMatching(/^NetworkVpc/) });
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  test('uses the Availability Zones it is given', () => {
    const stack = testStack();
    const network = new TwoAzPrivateVpc(stack, 'Network', { availabilityZones: ['eu-west-1b', 'eu-west-1c'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1c' });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1a' }, 0);
    expect(network.availabilityZones).toEqual(['eu-west-1b', 'eu-west-1c']);
  });

  describe('given its zones, in an app that knows no zones of its accounts (what `cdk synth` starts from)', () => {
    /** An app without the Availability Zones the other tests seed into the context. */
    function appWithoutZones(): App {
      return new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:validationReportJson': true } });
    }
    function stackIn(app: App, region = REGION): Stack {
      return new Stack(app, 'Test', { env: { account: ACCOUNT, region } });
    }

    test('leaves no context to look up, so the CDK CLI synthesizes without AWS credentials', () => {
      const app = appWithoutZones();
      new TwoAzPrivateVpc(stackIn(app), 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
      expect(app.synth().manifest.missing ?? []).toEqual([]);
    });

    test('puts one private subnet in each zone it is given', () => {
      const app = appWithoutZones();
      const stack = stackIn(app);
      new TwoAzPrivateVpc(stack, 'Network', { availabilityZones: ['eu-west-1b', 'eu-west-1c'] });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::EC2::Subnet', 2);
      template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b', MapPublicIpOnLaunch: false });
      template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1c', MapPublicIpOnLaunch: false });
    });

    test('acknowledges the literal zones for CloudFormation Validate (W3010) and cfn-lint, and nothing else is reported', () => {
      const app = appWithoutZones();
      const stack = stackIn(app);
      new TwoAzPrivateVpc(stack, 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
      const { error, report } = synthReport(app);
      expect(error).toBeUndefined();
      expect(reportedPaths(report)).toEqual([]);
      expect(reportedPaths(report, 'suppressedViolations', 'CloudFormation Validate')).toEqual([
        'W3010 Test/Network/Vpc/PrivateSubnet1/Subnet',
        'W3010 Test/Network/Vpc/PrivateSubnet2/Subnet',
      ]);
      Template.fromStack(stack).resourcePropertiesCountIs('AWS::EC2::Subnet', {}, 2);
      expect(Object.values(Template.fromStack(stack).findResources('AWS::EC2::Subnet')).map((r: any) => r.Metadata['cfn-lint']))
        .toEqual([{ config: { ignore_checks: ['W3010'] } }, { config: { ignore_checks: ['W3010'] } }]);
    });

    test('leaves the stack\'s own Availability Zones as they were', () => {
      const seeded = testStack();
      new TwoAzPrivateVpc(seeded, 'Network', { availabilityZones: ['eu-west-1b', 'eu-west-1c'] });
      expect(seeded.availabilityZones).toEqual(AZS);
      expect(Object.getOwnPropertyDescriptor(seeded, 'availabilityZones')).toBeUndefined();

      class ThreeZoneStack extends Stack {
        public get availabilityZones(): string[] {
          return ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
        }
      }
      const overriding = new ThreeZoneStack(appWithoutZones(), 'Overriding', { env: { account: ACCOUNT, region: REGION } });
      new TwoAzPrivateVpc(overriding, 'Network', { availabilityZones: ['eu-west-1b', 'eu-west-1c'] });
      expect(overriding.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    });

    test.each([
      ['us-east-1', ['us-east-1e', 'us-east-1f']],
      ['us-west-2', ['us-west-2a', 'us-west-2-lax-1a']],
      ['us-gov-west-1', ['us-gov-west-1a', 'us-gov-west-1b']],
      ['ap-southeast-7', ['ap-southeast-7a', 'ap-southeast-7c']],
    ])('accepts zones of %s: %j', (region, zones) => {
      const app = appWithoutZones();
      const network = new TwoAzPrivateVpc(stackIn(app, region), 'Network', { availabilityZones: zones });
      expect(network.availabilityZones).toEqual(zones);
      expect(app.synth().manifest.missing ?? []).toEqual([]);
    });

    test.each([
      [['eu-west-1', 'eu-west-1b'], /'availabilityZones' is \["eu-west-1","eu-west-1b"\]: every zone must be in the stack's Region eu-west-1; eu-west-1 is not \(a zone of eu-west-1 is named eu-west-1 and a letter, e.g. eu-west-1a, or eu-west-1-<location> for a Local Zone\)/],
      [['eu-west-1a', 'eu-west-1B'], /eu-west-1B is not/],
      [['eu-west-10a', 'eu-west-1b'], /eu-west-10a is not/],
      [['us-east-1a', 'us-east-1b'], /us-east-1a, us-east-1b are not .*Use zones of eu-west-1, or deploy the stack to the zones' Region/],
    ])('refuses %j in a stack of eu-west-1', (zones, message) => {
      expect(() => new TwoAzPrivateVpc(stackIn(appWithoutZones()), 'Network', { availabilityZones: zones })).toThrow(message);
    });

    describe('in an environment-agnostic stack', () => {
      test('accepts zones of one Region', () => {
        const network = new TwoAzPrivateVpc(new Stack(appWithoutZones(), 'Agnostic'), 'Network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
        expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
      });

      test.each([
        [['eu-west-1a', 'us-east-1b'], /'availabilityZones' is \["eu-west-1a","us-east-1b"\]: the zones must be in one Region, the stack's; they are in eu-west-1, us-east-1/],
        [['eu-west-1a', 'eu-west-1'], /an Availability Zone is named after its Region and a letter \(e.g. eu-west-1a\); eu-west-1 is not a zone name/],
      ])('refuses %j', (zones, message) => {
        expect(() => new TwoAzPrivateVpc(new Stack(appWithoutZones(), 'Agnostic'), 'Network', { availabilityZones: zones })).toThrow(message);
      });
    });
  });

  test('accepts a CIDR and subnet size of the user\'s choice', () => {
    const stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { cidr: '172.20.0.0/22', subnetCidrMask: 24 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.20.0.0/22' });
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '172.20.0.0/24' });
  });

  test('creates only the endpoints it is given, including custom services', () => {
    const stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { endpoints: [MeshEndpointService.GLUE, MeshEndpointService.of('ssm')] });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.eu-west-1.ssm' });
  });

  test('reports the services a reduced endpoint list leaves out', () => {
    const stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { endpoints: MeshEndpointService.defaults().filter((s) => s.meshService !== 'MWAA') });
    expect(dataMeshFindings(stack)).toEqual(['DataMesh-VPC4[MWAA]']);
  });

  test('adds an endpoint once however often it is asked for', () => {
    const stack = testStack();
    const network = new TwoAzPrivateVpc(stack, 'Network', { endpoints: [MeshEndpointService.GLUE] });
    const first = network.addInterfaceEndpoint(MeshEndpointService.ATHENA);
    expect(network.addInterfaceEndpoint(MeshEndpointService.ATHENA)).toBe(first);
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 2);
  });

  test('destroys the flow log group and key when asked to', () => {
    const stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  test('with internetEgress, adds NAT gateways in public subnets, which DataMeshChecks reports as public', () => {
    const stack = testStack();
    new TwoAzPrivateVpc(stack, 'Network', { internetEgress: true });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    const findings = dataMeshFindings(stack);
    expect(findings).toContain('DataMesh-VPC2');
    expect(findings).toContain('DataMesh-VPC3');
  });

  describe('with an existing VPC', () => {
    test('creates no VPC and no endpoints, and exposes the chosen subnets', () => {
      const stack = testStack();
      const network = new TwoAzPrivateVpc(stack, 'Network', { vpc: existingVpc(stack, ['eu-west-1a', 'eu-west-1b']) });
      new CfnWaitConditionHandle(stack, 'SomethingElse'); // CloudFormation refuses an empty template
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::EC2::VPC', 0);
      template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
      expect(network.subnetIds).toEqual(['subnet-00000000000000000', 'subnet-00000000000000001']);
      expect(stack.resolve(network.toolingSubnets)).toBe('subnet-00000000000000000,subnet-00000000000000001');
      expect(network.vpcId).toBe('vpc-0123456789abcdef0');
    });

    test('adds the endpoints it is asked for to the existing VPC', () => {
      const stack = testStack();
      new TwoAzPrivateVpc(stack, 'Network', { vpc: existingVpc(stack, ['eu-west-1a', 'eu-west-1b']), endpoints: [MeshEndpointService.DATAZONE] });
      Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcId: 'vpc-0123456789abcdef0',
        ServiceName: 'com.amazonaws.eu-west-1.datazone',
        SubnetIds: ['subnet-00000000000000000', 'subnet-00000000000000001'],
      });
    });

    test('fails if the chosen subnets sit in one Availability Zone', () => {
      const stack = testStack();
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'OneZone', {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['eu-west-1a'],
        isolatedSubnetIds: ['subnet-00000000000000000'],
      });
      expect(() => new TwoAzPrivateVpc(stack, 'Network', { vpc }))
        .toThrow(/'vpcSubnets' is 'subnet-00000000000000000 \(eu-west-1a\)': the mesh needs at least two private subnets in at least two distinct Availability Zones/);
    });

    test('fails if the chosen subnets are public', () => {
      const stack = testStack();
      const vpc = existingVpc(stack, ['eu-west-1a', 'eu-west-1b'], { publicSubnets: true });
      expect(() => new TwoAzPrivateVpc(stack, 'Network', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }))
        .toThrow(/'vpcSubnets' is .*subnet-11111111111111110.*: the selected subnets include public subnets/);
    });

    test('fails if it is combined with properties that shape a new VPC', () => {
      const stack = testStack();
      expect(() => new TwoAzPrivateVpc(stack, 'Network', { vpc: existingVpc(stack, ['eu-west-1a', 'eu-west-1b']), cidr: '10.0.0.0/16' }))
        .toThrow(/'cidr' is '10.0.0.0\/16': it shapes a new VPC and cannot be combined with 'vpc'/);
    });
  });

  describe('fails if', () => {
    test.each([
      [{ availabilityZones: ['eu-west-1a'] }, /'availabilityZones' is \["eu-west-1a"\]: the mesh needs private subnets in at least two distinct Availability Zones/],
      [{ availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, /'availabilityZones' is \["eu-west-1a","eu-west-1a"\]: each zone may appear only once/],
      [{ availabilityZones: ['eu-west-1a', 'us-east-1b'] }, /every zone must be in the stack's Region eu-west-1; us-east-1b is not/],
      [{ availabilityZones: Fn.getAzs() }, /'availabilityZones' is .*: the zones must be literal names, known at synth/],
      [{ cidr: '10.0.0.0' }, /'cidr' is '10.0.0.0': expected an IPv4 CIDR block such as 10.0.0.0\/16/],
      [{ cidr: '300.0.0.0/16' }, /'cidr' is '300.0.0.0\/16': expected an IPv4 CIDR block/],
      [{ cidr: '10.0.0.0/28' }, /'cidr' is '10.0.0.0\/28': a VPC's prefix length must be from \/16 to \/27, got \/28/],
      [{ cidr: '10.0.0.0/24' }, /'cidr' is '10.0.0.0\/24': a \/24 block cannot hold 2 subnets of \/24. Use a block of \/23 or larger/],
      [{ subnetCidrMask: 30 }, /'subnetCidrMask' is 30: a subnet prefix length must be a whole number from 16 to 28/],
      [{ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }, /'vpcSubnets' is .*: it selects subnets of an existing 'vpc'/],
    ])('given %j', (props, message) => {
      expect(() => new TwoAzPrivateVpc(testStack(), 'Network', props as any)).toThrow(message);
    });

    test('reports every problem at once, naming the construct path', () => {
      expect(() => new TwoAzPrivateVpc(testStack(), 'Network', { availabilityZones: ['eu-west-1a'], cidr: 'x' }))
        .toThrow(/TwoAzPrivateVpc at 'Test\/Network' has invalid input:\n {2}- 'cidr'.*\n {2}- 'availabilityZones'/);
    });
  });

  test('warns, acknowledgeably, when the stack is environment-agnostic and its zones are unknown', () => {
    const app = testApp();
    const stack = new Stack(app, 'Agnostic');
    new TwoAzPrivateVpc(stack, 'Network');
    Annotations.fromStack(stack).hasWarning('/Agnostic/Network', Match.stringLikeRegexp('environment-agnostic.*cannot be checked now'));
  });
});
