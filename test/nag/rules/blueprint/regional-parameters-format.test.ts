/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { notApplicable, pass } from '../../../../src/nag/rule';
import { REGIONAL_PARAMETERS_FORMAT } from '../../../../src/nag/rules/blueprint/regional-parameters-format';
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

/** What BP5 reports for a stack: each rule name with what was found, or what could not be verified. */
const reported = (stack: Stack) => bp5(stack).map((v) => [
  v.ruleName,
  (/ found (.*)\.$/s.exec(v.description) ?? /could not evaluate: (.*?) is not known at synth/s.exec(v.description))?.[1],
]);

/** What BP5 reports for a single parameter value (in eu-west-1), in a stack built by `build`. */
function reportedFor(key: string, value: (stack: Stack) => unknown): unknown[] {
  const stack = testStack();
  blueprint(stack, { [key]: value(stack) });
  return reported(stack);
}

/** BP5's verdict on the stack's blueprint configuration, straight from the rule. */
function verdict(stack: Stack) {
  const mesh = MeshIndex.build(stack);
  const [configuration] = mesh.ofType(stack, 'AWS::DataZone::EnvironmentBlueprintConfiguration');
  return REGIONAL_PARAMETERS_FORMAT.check(configuration, mesh);
}

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

describe('DataMesh-BP5: the ids it accepts are 8 or 17 hex digits after subnet- or vpc-, and nothing more', () => {
  test('accepts 8-hex and 17-hex subnet and VPC ids (the EC2 id formats)', () => {
    for (const hex of ['0a1b2c3d', '0a1b2c3d4e5f60718']) {
      expect(reportedFor('Subnets', () => `subnet-${hex}`)).toEqual([]);
      expect(reportedFor('VpcId', () => `vpc-${hex}`)).toEqual([]);
    }
  });

  test('flags ids with 9 or 16 hex digits, or a character after them', () => {
    for (const hex of ['0a1b2c3d4', '0a1b2c3d4e5f6071', '0a1b2c3d4e5f60718x', '0a1b2c3dx']) {
      expect(reportedFor('Subnets', () => `subnet-${hex}`)).toEqual([
        ['DataMesh-BP5[Subnets:eu-west-1]', `Subnets 'subnet-${hex}': is not a subnet id; expected comma-separated subnet ids (subnet-…) for eu-west-1`],
      ]);
      expect(reportedFor('VpcId', () => `vpc-${hex}`)).toEqual([['DataMesh-BP5[VpcId:eu-west-1]', `VpcId 'vpc-${hex}' is not a VPC id; expected vpc-… for eu-west-1`]]);
    }
  });

  test('flags empty Subnets as naming no subnet id', () => {
    expect(reportedFor('Subnets', () => '')).toEqual([['DataMesh-BP5[Subnets:eu-west-1]', "Subnets '' (no subnet id); expected comma-separated subnet ids (subnet-…) for eu-west-1"]]);
  });

  test('names every value that is not a subnet id, joined with commas, and says "not ARNs" when one of them is an ARN', () => {
    expect(reportedFor('Subnets', () => 'subnet-1,subnet-0a1b2c3d,sg-0a1b2c3d')).toEqual([
      ['DataMesh-BP5[Subnets:eu-west-1]', "Subnets 'subnet-1', 'sg-0a1b2c3d': are not subnet ids; expected comma-separated subnet ids (subnet-…) for eu-west-1"],
    ]);
    expect(reportedFor('Subnets', () => 'subnet-1,arn:aws:ec2:eu-west-1:222222222222:subnet/subnet-0a1b2c3d')).toEqual([
      ['DataMesh-BP5[Subnets:eu-west-1]',
        "Subnets 'subnet-1', 'arn:aws:ec2:eu-west-1:222222222222:subnet/subnet-0a1b2c3d': are not subnet ids; expected comma-separated subnet ids (subnet-…), not ARNs for eu-west-1"],
    ]);
  });

  test('describes a reference that is not a VPC as its JSON, without "not an ARN"', () => {
    expect(reportedFor('VpcId', (stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      return new ec2.CfnSecurityGroup(stack, 'Group', { vpcId: vpc.ref, groupDescription: 'tooling' }).ref;
    })).toEqual([['DataMesh-BP5[VpcId:eu-west-1]', 'VpcId {"Ref":"Group"} is not a VPC id; expected vpc-… for eu-west-1']]);
  });
});

describe('DataMesh-BP5: a reference is an id only when it is the Ref or the id attribute of a VPC or subnet', () => {
  test('accepts Fn::GetAtt SubnetId of subnets and VpcId of the VPC', () => {
    const stack = testStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
    blueprint(stack, { VpcId: vpc.attrVpcId, Subnets: Fn.join(',', [subnet.attrSubnetId]) });
    expect(reported(stack)).toEqual([]);
  });

  test('flags another attribute of a subnet (CidrBlock), and the VpcId attribute of a security group', () => {
    const stack = testStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
    const group = new ec2.CfnSecurityGroup(stack, 'Group', { vpcId: vpc.ref, groupDescription: 'tooling' });
    blueprint(stack, { VpcId: group.attrVpcId, Subnets: Fn.join(',', [subnet.attrCidrBlock]) });
    expect(reported(stack)).toEqual([
      ['DataMesh-BP5[Subnets:eu-west-1]', 'Subnets {"Fn::GetAtt":["Subnet","CidrBlock"]}: is not a subnet id; expected comma-separated subnet ids (subnet-…) for eu-west-1'],
      ['DataMesh-BP5[VpcId:eu-west-1]', 'VpcId {"Fn::GetAtt":["Group","VpcId"]} is not a VPC id; expected vpc-… for eu-west-1'],
    ]);
  });

  test('cannot verify what a custom resource returns (Custom::… or AWS::CloudFormation::CustomResource)', () => {
    for (const type of ['Custom::Network', 'AWS::CloudFormation::CustomResource']) {
      expect(reportedFor('Subnets', (stack) => Fn.join(',', [new CfnResource(stack, 'Network', { type, properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:222222222222:function:network' } }).getAtt('SubnetId').toString()])))
        .toEqual([['DataMesh-BP5[Unverified]', 'Subnets for eu-west-1 of Blueprint ({ Fn::GetAtt: Network.SubnetId })']]);
    }
  });
});

describe('DataMesh-BP5: S3Location is an s3:// URI with a bucket name, literal or with its literal start', () => {
  test('accepts a URI with or without a prefix, and an Fn::Sub (string or list form) starting with s3://', () => {
    expect(reportedFor('S3Location', () => 's3://tooling-bucket')).toEqual([]);
    expect(reportedFor('S3Location', () => 's3://tooling-bucket/projects/')).toEqual([]);
    expect(reportedFor('S3Location', () => ({ 'Fn::Sub': 's3://${Bucket}/projects' }))).toEqual([]);
    expect(reportedFor('S3Location', () => ({ 'Fn::Sub': ['s3://${Bucket}', { Bucket: 'tooling-bucket' }] }))).toEqual([]);
  });

  test('flags text before s3://, a character a bucket name cannot have, an ARN and another scheme, each with its own hint', () => {
    const expected = (text: string, hint: string) => [['DataMesh-BP5[S3Location:eu-west-1]', `S3Location "${text}" is not an s3:// URI; expected s3://<bucket>[/<prefix>]${hint} for eu-west-1`]];
    expect(reportedFor('S3Location', () => 'xs3://tooling-bucket')).toEqual(expected('xs3://tooling-bucket', ''));
    expect(reportedFor('S3Location', () => 's3://tooling_bucket')).toEqual(expected('s3://tooling_bucket', ''));
    expect(reportedFor('S3Location', () => 'https://tooling-bucket.s3.amazonaws.com')).toEqual(expected('https://tooling-bucket.s3.amazonaws.com', ''));
    expect(reportedFor('S3Location', () => 'arn:aws:s3:::tooling-bucket')).toEqual(expected('arn:aws:s3:::tooling-bucket', ', not an ARN'));
    expect(reportedFor('S3Location', (stack) => Fn.join('', ['tooling-bucket/', deployTimeParameter(stack, 'Prefix')])))
      .toEqual(expected('tooling-bucket/${x}', ', not a bare bucket name'));
  });

  test('cannot verify a value whose start is not literal: a Join with an unknown delimiter or first part, a Sub starting with ${, null', () => {
    const unverified = (value: string) => [['DataMesh-BP5[Unverified]', `S3Location for eu-west-1 of Blueprint (${value})`]];
    expect(reportedFor('S3Location', (stack) => ({ 'Fn::Join': [deployTimeParameter(stack, 'Delimiter'), ['s3://', 'tooling-bucket']] })))
      .toEqual(unverified('{"Fn::Join":[{"Ref":"Delimiter"},["s3://","tooling-bucket"]]}'));
    expect(reportedFor('S3Location', (stack) => Fn.join('', [deployTimeParameter(stack, 'Bucket'), '/projects'])))
      .toEqual(unverified('{"Fn::Join":["",[{"Ref":"Bucket"},"/projects"]]}'));
    expect(reportedFor('S3Location', () => ({ 'Fn::Sub': '${Bucket}/projects' }))).toEqual(unverified("Fn::Sub '${Bucket}/projects'"));
    expect(reportedFor('S3Location', () => null)).toEqual(unverified('null'));
  });
});

describe('DataMesh-BP5: RegionalParameters it cannot read', () => {
  /** A blueprint configuration whose RegionalParameters are `value`, as raw CloudFormation. */
  function withRegionalParameters(value: unknown): Stack {
    const stack = testStack();
    blueprint(stack, {}).addPropertyOverride('RegionalParameters', value);
    return stack;
  }

  test('cannot verify RegionalParameters that are not a list', () => {
    expect(reported(withRegionalParameters('eu-west-1=subnet-0a1b2c3d'))).toEqual([['DataMesh-BP5[Unverified]', 'RegionalParameters of Blueprint']]);
  });

  test('cannot verify Parameters that are text, a list or a reference', () => {
    for (const parameters of ['Subnets=subnet-0a1b2c3d', ['subnet-0a1b2c3d'], { Ref: 'AWS::NoValue' }]) {
      expect(reported(withRegionalParameters([{ Region: 'eu-west-1', Parameters: parameters }])))
        .toEqual([['DataMesh-BP5[Unverified]', 'the Parameters for eu-west-1 of Blueprint']]);
    }
  });

  test('reads an entry without a Region as "a Region", and does not apply to a null entry', () => {
    expect(reported(withRegionalParameters([{ Parameters: { VpcId: 'vpc-1' } }])))
      .toEqual([['DataMesh-BP5[VpcId:a Region]', "VpcId 'vpc-1' is not a VPC id; expected vpc-… for a Region"]]);
    expect(reported(withRegionalParameters([null]))).toEqual([]);
    expect(verdict(withRegionalParameters([null]))).toEqual(notApplicable());
  });

  test('does not apply when no entry has these parameters, and passes when one has them right', () => {
    expect(verdict(withRegionalParameters([{ Region: 'eu-west-1', Parameters: { KmsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1' } }])))
      .toEqual(notApplicable());
    expect(verdict(withRegionalParameters([{ Region: 'eu-west-1' }, { Region: 'eu-central-1', Parameters: { VpcId: 'vpc-0a1b2c3d' } }])))
      .toEqual(pass());
  });
});
