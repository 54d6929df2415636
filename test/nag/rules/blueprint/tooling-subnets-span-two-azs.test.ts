/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network, l1Tooling } from '../../fixtures';

describe('DataMesh-BP2: the Tooling subnets span two Availability Zones of the blueprint\'s Region', () => {
  test('accepts subnets of the template in two zones', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack);
    l1Tooling(stack, Fn.join(',', subnets.map((s) => s.ref)));
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('accepts subnets defined elsewhere whose zones are declared in the metadata', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1,subnet-2').addMetadata('cdk-data-mesh:subnetZones', ['eu-west-1a', 'eu-west-1b']);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('flags subnets in one zone, and zones of another Region', () => {
    const oneZone = testStack();
    const { subnets } = l1Network(oneZone, { zones: ['eu-west-1a', 'eu-west-1a'] });
    l1Tooling(oneZone, Fn.join(',', subnets.map((s) => s.ref)));
    expect(dataMeshViolations(oneZone).find((v) => v.ruleName === 'DataMesh-BP2')?.description).toMatch(/found 2 subnet\(s\) in 1 zone\(s\) in eu-west-1/);
    const foreign = testStack();
    l1Tooling(foreign, 'subnet-1,subnet-2').addMetadata('cdk-data-mesh:subnetZones', ['us-east-1a', 'us-east-1b']);
    expect(dataMeshViolations(foreign).find((v) => v.ruleName === 'DataMesh-BP2')?.description).toMatch(/found zone\(s\) us-east-1a, us-east-1b outside eu-west-1/);
  });

  test('does not apply to other blueprints or resources', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1', { identifier: 'DataLake' });
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('reports "could not evaluate" for subnet ids defined outside the template with no declared zones', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1,subnet-2');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BP2[Unverified]')?.description)
      .toMatch(/could not evaluate: the Availability Zones of the Tooling subnets subnet-1,subnet-2 \(defined outside this template\)/);
  });

  const bp2 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-BP2')).map((v) => `${v.ruleName}: ${v.description}`);
  const declared = (stack: Stack, subnets: unknown, zones: unknown[]) => {
    const configuration = l1Tooling(stack, subnets);
    configuration.addMetadata('cdk-data-mesh:subnetZones', zones);
    return configuration;
  };

  test('does not apply, with no finding at all, to a configuration of another blueprint', () => {
    const stack = testStack();
    l1Tooling(stack, undefined, { identifier: 'DataLake', parameters: {} });
    expect(bp2(stack)).toEqual([]);
  });

  test('accepts declared zone ids, which name no Region, and names a zone name of another Region beside them', () => {
    const ids = testStack();
    declared(ids, 'subnet-1,subnet-2', ['euw1-az1', 'euw1-az2']);
    expect(bp2(ids)).toEqual([]);
    const mixed = testStack();
    declared(mixed, 'subnet-1,subnet-2', ['euw1-az1', 'us-east-1b']);
    expect(bp2(mixed)).toEqual([expect.stringMatching(/: found zone\(s\) us-east-1b outside eu-west-1\.$/)]);
  });

  test('names the problem of each Region, one subnet as one zone', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack);
    l1Tooling(stack, undefined, {
      parameters: undefined,
    }).addPropertyOverride('RegionalParameters', [
      { Region: 'eu-west-1', Parameters: { VpcId: 'vpc-1', S3Location: 's3://b', Subnets: { 'Fn::Join': [',', [subnets[0].ref]] } } },
      { Region: 'us-east-1', Parameters: { VpcId: 'vpc-2', S3Location: 's3://b', Subnets: { 'Fn::Join': [',', []] } } },
    ]);
    expect(bp2(stack)).toEqual([expect.stringMatching(/: found 1 subnet\(s\) in 1 zone\(s\) in eu-west-1; 0 subnet\(s\) in 0 zone\(s\) in us-east-1\.$/)]);
  });

  test('reads declared zones for a comma-separated list of ids, ignoring empty entries, only when each id has its zone', () => {
    const spaced = testStack();
    declared(spaced, 'subnet-1, ,subnet-2,', ['eu-west-1a', 'eu-west-1b']);
    expect(bp2(spaced)).toEqual([]);
    const short = testStack();
    declared(short, 'subnet-1,subnet-2,subnet-3', ['eu-west-1a', 'eu-west-1b']);
    expect(bp2(short)).toEqual([expect.stringMatching(/^DataMesh-BP2\[Unverified\]: .*the Availability Zones of the Tooling subnets subnet-1,subnet-2,subnet-3 \(defined outside this template\)/)]);
    const notNames = testStack();
    declared(notNames, 'subnet-1,subnet-2', ['eu-west-1a', 2]);
    expect(bp2(notNames).map((f) => f.split(':')[0])).toEqual(['DataMesh-BP2[Unverified]']);
  });

  test('reads the zone of each subnet a comma join refers to, and names a part that is not a subnet of the template', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
    declared(stack, Fn.join(';', subnets.map((s) => s.ref)), ['eu-west-1a', 'eu-west-1b']);
    expect(bp2(stack)).toEqual([]);
    const parameter = testStack();
    l1Tooling(parameter, 'x').addPropertyOverride('RegionalParameters.0.Parameters.Subnets', { 'Fn::Join': [',', [deployTimeParameter(parameter, 'Subnet')]] });
    expect(bp2(parameter)).toEqual([expect.stringMatching(/could not evaluate: the Availability Zone of a Tooling subnet \(parameter Subnet, no default\) is not known/)]);
    const bucket = testStack();
    l1Tooling(bucket, 'x').addPropertyOverride('RegionalParameters.0.Parameters.Subnets', { 'Fn::Join': [',', [new s3.CfnBucket(bucket, 'NotASubnet').ref]] });
    expect(bp2(bucket)).toEqual([expect.stringMatching(/could not evaluate: the Availability Zone of a Tooling subnet \(\{ Ref: NotASubnet \}/)]);
  });

  test('falls back to the declared zones for Subnets it cannot read, else names them', () => {
    const withZones = testStack();
    declared(withZones, deployTimeParameter(withZones, 'Subnets'), ['eu-west-1a', 'eu-west-1b']);
    expect(bp2(withZones)).toEqual([]);
    const listed = testStack();
    const tooling = l1Tooling(listed, 'x');
    tooling.addPropertyOverride('RegionalParameters.0.Parameters.Subnets', { 'Fn::Join': [',', { Ref: 'List' }] });
    expect(bp2(listed)).toEqual([expect.stringMatching(/could not evaluate: the Tooling Subnets of BlueprintTooling \(\{"Fn::Join":\[",",\{"Ref":"List"\}\]\}\) is not known/)]);
    const none = testStack();
    l1Tooling(none, undefined, { parameters: { VpcId: 'vpc-1', S3Location: 's3://b' } });
    expect(bp2(none)).toEqual([expect.stringMatching(/could not evaluate: the Tooling Subnets of BlueprintTooling is not known/)]);
  });
});
