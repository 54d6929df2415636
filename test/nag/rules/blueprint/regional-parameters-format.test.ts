/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';
const SUBNETS = 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788';

/** A blueprint configuration (by its opaque id, as the console shows it) with the given regional parameters. */
function blueprint(stack: Stack, parameters: Record<string, unknown>) {
  return new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'Blueprint', {
    domainIdentifier: DOMAIN,
    environmentBlueprintIdentifier: 'cjegf7f6kky6w7',
    enabledRegions: ['eu-west-1'],
    regionalParameters: [{ region: 'eu-west-1', parameters: parameters as any }],
  });
}

const bp5 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-BP5'));

describe('DataMesh-BP5: blueprint regional parameters are subnet ids, a VPC id and an s3:// URI', () => {
  test('accepts literal ids and URI, and references to the app\'s VPC, subnets and bucket', () => {
    const literal = testStack();
    blueprint(literal, { VpcId: 'vpc-0123456789abcdef0', Subnets: SUBNETS, S3Location: 's3://amazon-sagemaker-222222222222-eu-west-1-4f8a2b1c9e3d/tooling' });
    expect(bp5(literal)).toEqual([]);

    const referenced = testStack();
    const vpc = new ec2.CfnVPC(referenced, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['a', 'b'].map((zone, i) => new ec2.CfnSubnet(referenced, `Subnet${i}`, { vpcId: vpc.ref, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `eu-west-1${zone}` }));
    const bucket = new s3.CfnBucket(referenced, 'Bucket');
    blueprint(referenced, { VpcId: vpc.attrVpcId, Subnets: Fn.join(',', subnets.map((s) => s.ref)), S3Location: Fn.join('', ['s3://', bucket.ref, '/']) });
    expect(bp5(referenced)).toEqual([]);
  });

  test('flags subnet ARNs, a VPC ARN and a bare bucket name, each naming the value, what is allowed and the fix', () => {
    const stack = testStack();
    blueprint(stack, {
      VpcId: 'arn:aws:ec2:eu-west-1:222222222222:vpc/vpc-0123456789abcdef0',
      Subnets: 'arn:aws:ec2:eu-west-1:222222222222:subnet/subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788',
      S3Location: 'amazon-sagemaker-222222222222-eu-west-1-4f8a2b1c9e3d',
    });
    const violations = bp5(stack);
    expect(violations.map((v) => v.ruleName).sort()).toEqual(['DataMesh-BP5[S3Location:eu-west-1]', 'DataMesh-BP5[Subnets:eu-west-1]', 'DataMesh-BP5[VpcId:eu-west-1]']);
    const text = violations.map((v) => v.description).join('\n');
    expect(text).toMatch(/found Subnets 'arn:aws:ec2:eu-west-1:222222222222:subnet\/subnet-0a1b2c3d4e5f60718': is not a subnet id; expected comma-separated subnet ids \(subnet-…\), not ARNs for eu-west-1/);
    expect(text).toMatch(/found VpcId 'arn:aws:ec2:eu-west-1:222222222222:vpc\/vpc-0123456789abcdef0' is not a VPC id; expected vpc-…, not an ARN/);
    expect(text).toMatch(/found S3Location "amazon-sagemaker-222222222222-eu-west-1-4f8a2b1c9e3d" is not an s3:\/\/ URI; expected s3:\/\/<bucket>\[\/<prefix>\], not a bare bucket name/);
    expect(violations.every((v) => v.severity === 'error' && /Pass Subnets as subnet ids joined by commas/.test((v as any).fix))).toBe(true);
  });

  test('flags a reference to something that is not a subnet (a security group) in Subnets', () => {
    const stack = testStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const group = new ec2.CfnSecurityGroup(stack, 'Group', { vpcId: vpc.ref, groupDescription: 'tooling' });
    blueprint(stack, { VpcId: vpc.ref, Subnets: Fn.join(',', [group.ref]), S3Location: 's3://tooling-bucket' });
    expect(bp5(stack).map((v) => v.ruleName)).toEqual(['DataMesh-BP5[Subnets:eu-west-1]']);
  });

  test('does not apply to a blueprint configuration without those parameters (LakehouseCatalog takes none)', () => {
    const stack = testStack();
    blueprint(stack, {});
    const none = testStack();
    new datazone.CfnEnvironmentBlueprintConfiguration(none, 'Blueprint', { domainIdentifier: DOMAIN, environmentBlueprintIdentifier: 'd1srxk8dfq9ofb', enabledRegions: ['eu-west-1'] });
    expect(bp5(stack)).toEqual([]);
    expect(bp5(none)).toEqual([]);
  });

  test('reports "could not evaluate" when the subnets are a parameter', () => {
    const stack = testStack();
    blueprint(stack, { VpcId: 'vpc-0123456789abcdef0', Subnets: deployTimeParameter(stack, 'SageMakerSubnets'), S3Location: 's3://tooling-bucket' });
    expect(bp5(stack)[0]?.description).toMatch(/could not evaluate: Subnets for eu-west-1 of Blueprint/);
  });
});
