/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { MeshEndpointService, TwoAzPrivateVpc, TwoAzPrivateVpcProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { ACCOUNT, REGION } from '../util';

/** Props by name; `region` is the stack's Region, `existing` imports a VPC (with or without its CIDR block). */
type Input = Partial<TwoAzPrivateVpcProps> & { readonly region?: string; readonly existing?: 'with-cidr' | 'without-cidr' };

function network(app: App, input: Input): TwoAzPrivateVpc {
  const { region, existing, ...props } = input;
  const stack = new Stack(app, 'Producer', { env: { account: ACCOUNT, region: region ?? REGION } });
  const vpc = existing ? ec2.Vpc.fromVpcAttributes(stack, 'Existing', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: existing === 'with-cidr' ? '10.1.0.0/16' : undefined,
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    isolatedSubnetIds: ['subnet-0aaaaaaaaaaaaaaa0', 'subnet-0bbbbbbbbbbbbbbb0'],
  }) : undefined;
  // A stack with an existing VPC and no endpoints has no resource of its own; CloudFormation refuses an empty template.
  new CfnWaitConditionHandle(stack, 'Placeholder');
  return new TwoAzPrivateVpc(stack, 'Network', { vpc, ...props });
}

/** The contract of TwoAzPrivateVpc's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'cidr', value: { cidr: '10.0.0.0' }, shown: "'10.0.0.0'", expect: ['IPv4 CIDR block', 'private ranges'] },
  { prop: 'cidr', value: { cidr: '10.0.0.0/8' }, shown: "'10.0.0.0/8'", expect: ['/16 to /27', 'between /16 and /27'] },
  { prop: 'cidr', value: { cidr: '10.0.0.0/24' }, shown: "'10.0.0.0/24'", expect: ['cannot hold 2 subnets of /24'] },
  { prop: 'subnetCidrMask', value: { subnetCidrMask: 29 }, shown: '29', expect: ['16 to 28', 'Use e.g. 24'] },
  { prop: 'subnetCidrMask', value: { subnetCidrMask: 24.5 }, shown: '24.5', expect: ['whole number'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a'] }, shown: '["eu-west-1a"]', expect: ['at least two distinct', 'Pass two or more zones'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, shown: '["eu-west-1a","eu-west-1a"]', expect: ['only once', 'different zones'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a', 'us-east-1a'] }, shown: '["eu-west-1a","us-east-1a"]', expect: ["stack's Region eu-west-1", 'Use zones of eu-west-1'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a', 'eu-west-1z'] }, shown: '["eu-west-1a","eu-west-1z"]', expect: ['eu-west-1z is not among the zones recorded', 'eu-west-1a, eu-west-1b, eu-west-1c', 'cdk context --reset'] },
  { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region', 'eu-west-1, eu-west-2, eu-west-3', 'e.g. eu-west-1'] },
  { prop: 'region', value: { region: 'europe-west1' }, shown: "'europe-west1'", expect: ['not an AWS Region', "Region's code"] },
  { prop: 'cidr', value: { existing: 'with-cidr', cidr: '10.0.0.0/16' }, shown: "'10.0.0.0/16'", expect: ["cannot be combined with 'vpc'", "remove 'vpc'"] },
  { prop: 'vpcSubnets', value: { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }, shown: '{"subnetType":"Isolated"}', expect: ["existing 'vpc'", 'Remove it'] },
  { prop: 'vpc', value: { existing: 'without-cidr', endpoints: [MeshEndpointService.DATAZONE] }, shown: "'vpc-0123456789abcdef0'", expect: ['imported without one', 'Pass vpcCidrBlock'] },
];

/** Valid edge values EC2 accepts: they must synthesize. */
const VALID: Array<ValidRow<Input>> = [
  { name: 'an existing VPC imported without vpcCidrBlock, and no endpoints', value: { existing: 'without-cidr' } },
  { name: 'an existing VPC imported with vpcCidrBlock, with endpoints (the README example)', value: { existing: 'with-cidr', endpoints: [MeshEndpointService.DATAZONE] } },
  { name: 'the largest VPC, /16, with /28 subnets', value: { cidr: '172.16.0.0/16', subnetCidrMask: 28 } },
  { name: 'the smallest VPC, /27, with two /28 subnets', value: { cidr: '192.168.0.0/27', subnetCidrMask: 28 } },
  { name: 'three zones', value: { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } },
  { name: 'a Region with no recorded zones, its zones passed', value: { region: 'us-east-2', availabilityZones: ['us-east-2a', 'us-east-2b'] } },
];

describe('TwoAzPrivateVpc inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => network(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => network(app, input));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => network(app, { cidr: 'x', subnetCidrMask: 99, availabilityZones: ['eu-west-1a'] }));
    expect(message).toContain("'cidr' is 'x'");
    expect(message).toContain("'subnetCidrMask' is 99");
    expect(message).toContain("'availabilityZones' is [\"eu-west-1a\"]");
  });
});
