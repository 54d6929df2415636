/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';

/** A blueprint configuration (by its opaque id) with the given VpcId and Subnets. */
function blueprint(stack: Stack, parameters: Record<string, unknown>) {
  return new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'Blueprint', {
    domainIdentifier: DOMAIN,
    environmentBlueprintIdentifier: 'cjegf7f6kky6w7',
    enabledRegions: ['eu-west-1'],
    regionalParameters: [{ region: 'eu-west-1', parameters: { S3Location: 's3://tooling-bucket', ...parameters } as any }],
  });
}

const vpc6 = (scope: Stack | App) => dataMeshViolations(scope).filter((v) => v.ruleName.startsWith('DataMesh-VPC6'));

describe('DataMesh-VPC6: a VPC or subnets from outside the app are reported as not verified', () => {
  test('accepts the VPC and subnets of the same stack, and a VPC exported by another stack of the app', () => {
    const stack = testStack();
    const { vpc, subnets } = l1Network(stack);
    blueprint(stack, { VpcId: vpc.ref, Subnets: Fn.join(',', subnets.map((s) => s.ref)) });
    expect(vpc6(stack)).toEqual([]);

    const app = new App();
    const network = new Stack(app, 'Network', { env: { account: '222222222222', region: 'eu-west-1' } });
    const shared = l1Network(network);
    new CfnOutput(network, 'VpcIdExport', { value: shared.vpc.ref, exportName: 'Network:VpcId' });
    shared.subnets.forEach((subnet, i) => new CfnOutput(network, `SubnetExport${i}`, { value: subnet.ref, exportName: `Network:Subnet${i}` }));
    const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
    blueprint(member, { VpcId: Fn.importValue('Network:VpcId'), Subnets: Fn.join(',', [Fn.importValue('Network:Subnet0'), Fn.importValue('Network:Subnet1')]) });
    expect(vpc6(app)).toEqual([]);
  });

  test('warns about a VPC and subnets given by id, naming them and what was not verified', () => {
    const stack = testStack();
    blueprint(stack, { VpcId: 'vpc-0123456789abcdef0', Subnets: 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788' });
    const violations = vpc6(stack);
    expect(violations.map((v) => v.ruleName).sort()).toEqual(['DataMesh-VPC6[Subnets:eu-west-1]', 'DataMesh-VPC6[vpc-0123456789abcdef0]']);
    expect(violations.every((v) => v.severity === 'warning')).toBe(true);
    const text = violations.map((v) => v.description).join('\n');
    expect(text).toMatch(/found VPC vpc-0123456789abcdef0 \(VpcId for eu-west-1\), which is not defined in this app: its interface endpoints \(DataMesh-VPC4\), subnets and routes were not verified/);
    expect(text).toMatch(/found subnet\(s\) subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788 \(Subnets for eu-west-1\), which are not defined in this app/);
    expect((violations[0] as any).fix).toMatch(/Define the VPC in the app \(TwoAzPrivateVpc\)/);
  });

  test('warns about typed-in subnets even when the VPC is the app\'s', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack);
    blueprint(stack, { VpcId: vpc.ref, Subnets: 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788' });
    expect(vpc6(stack).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Subnets:eu-west-1]']);
  });

  test('does not apply to a blueprint configuration without a VPC (LakehouseCatalog)', () => {
    const stack = testStack();
    new datazone.CfnEnvironmentBlueprintConfiguration(stack, 'Blueprint', {
      domainIdentifier: DOMAIN,
      environmentBlueprintIdentifier: 'd1srxk8dfq9ofb',
      enabledRegions: ['eu-west-1'],
      regionalParameters: [{ region: 'eu-west-1', parameters: {} }],
    });
    expect(vpc6(stack)).toEqual([]);
  });

  test('warns about an import that no stack of the app exports as a VPC', () => {
    const app = new App();
    const network = new Stack(app, 'Network', { env: { account: '222222222222', region: 'eu-west-1' } });
    const { group } = l1Network(network);
    new CfnOutput(network, 'GroupExport', { value: group.ref, exportName: 'Network:VpcId' });
    const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
    blueprint(member, { VpcId: Fn.importValue('Network:VpcId') });
    expect(vpc6(app).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[VpcId:eu-west-1]']);
    expect(vpc6(app)[0].description).toMatch(/found VPC Fn::ImportValue Network:VpcId \(exported by no VPC or subnet of this app\) \(VpcId for eu-west-1\)/);
  });

  test('reports "could not evaluate" when the VPC is a parameter', () => {
    const stack = testStack();
    blueprint(stack, { VpcId: deployTimeParameter(stack, 'AmazonSageMakerVpcId') });
    expect(vpc6(stack)[0]?.description).toMatch(/could not evaluate: VpcId for eu-west-1 of Blueprint/);
  });
  test('warns about a VpcId or subnet that refers to a resource of another type, naming it as JSON', () => {
    const stack = testStack();
    const { group, subnets } = l1Network(stack);
    blueprint(stack, { VpcId: group.ref, Subnets: Fn.join(',', [subnets[0].ref, group.attrGroupId]) });
    const violations = vpc6(stack);
    expect(violations.map((v) => v.ruleName).sort()).toEqual(['DataMesh-VPC6[Subnets:eu-west-1]', 'DataMesh-VPC6[VpcId:eu-west-1]']);
    const text = violations.map((v) => v.description).join('\n');
    expect(text).toMatch(/found VPC \{"Ref":"EndpointGroup"\} \(VpcId for eu-west-1\)/);
    expect(text).toMatch(/found subnet\(s\) \{"Fn::GetAtt":\["EndpointGroup","GroupId"\]\} \(Subnets for eu-west-1\)/);
  });

  test('names the Region of each entry, and "a Region" for an entry without one', () => {
    const stack = testStack();
    const configuration = blueprint(stack, {});
    configuration.addPropertyOverride('RegionalParameters', [
      { Region: 'eu-west-1', Parameters: { VpcId: 'vpc-0123456789abcdef0' } },
      { Parameters: { VpcId: { 'Fn::GetAtt': ['Blueprint', 'Id'] } } },
      { Region: 'eu-central-1' },
    ]);
    expect(vpc6(stack).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[vpc-0123456789abcdef0]', 'DataMesh-VPC6[VpcId:a Region]']);
    expect(vpc6(stack)[1].description).toMatch(/\(VpcId for a Region\)/);
  });

  test('does not apply without RegionalParameters, and reports "could not evaluate" when they are not a list', () => {
    const none = testStack();
    blueprint(none, {}).addPropertyDeletionOverride('RegionalParameters');
    expect(vpc6(none)).toEqual([]);
    const intrinsic = testStack();
    blueprint(intrinsic, {}).addPropertyOverride('RegionalParameters', { 'Fn::If': ['Cond', [], []] });
    expect(vpc6(intrinsic).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Unverified]']);
    expect(vpc6(intrinsic)[0].description).toMatch(/could not evaluate: RegionalParameters of Blueprint/);
  });

  test('reports "could not evaluate" for a subnet or VPC written as an intrinsic it cannot follow, and an import of a value that is not a reference', () => {
    const stack = testStack();
    blueprint(stack, { VpcId: Fn.select(0, Fn.split(',', deployTimeParameter(stack, 'Vpcs'))) });
    expect(vpc6(stack).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Unverified]']);
    const subnets = testStack();
    blueprint(subnets, { Subnets: Fn.join(',', [deployTimeParameter(subnets, 'Subnet')]) });
    expect(vpc6(subnets)[0]?.description).toMatch(/could not evaluate: a subnet in Subnets for eu-west-1 of Blueprint/);

    const app = new App();
    const network = new Stack(app, 'Network', { env: { account: '222222222222', region: 'eu-west-1' } });
    new CfnOutput(network, 'Literal', { value: 'vpc-0123456789abcdef0', exportName: 'Network:Literal' });
    const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
    blueprint(member, { VpcId: Fn.importValue('Network:Literal') });
    expect(vpc6(app).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[VpcId:eu-west-1]']);
    const unknown = testStack();
    blueprint(unknown, { Subnets: Fn.importValue('Network:Unknown') });
    expect(vpc6(unknown).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Unverified]']);
    const unexported = testStack();
    blueprint(unexported, { VpcId: Fn.importValue('Network:Unknown') });
    expect(vpc6(unexported).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Unverified]']);
  });

  test('reads past a null entry of RegionalParameters, and reports a null VpcId as "could not evaluate"', () => {
    const stack = testStack();
    blueprint(stack, {}).addPropertyOverride('RegionalParameters', [null, { Region: 'eu-west-1', Parameters: { VpcId: null } }]);
    expect(vpc6(stack).map((v) => `${v.ruleName}: ${v.description}`))
      .toEqual([expect.stringMatching(/^DataMesh-VPC6\[Unverified\]: .*could not evaluate: VpcId for eu-west-1 of Blueprint \(null\) is not known/)]);
  });

  test('names the Subnets it cannot split, with the Region and the configuration', () => {
    const stack = testStack();
    blueprint(stack, { Subnets: { 'Fn::Join': [';', ['subnet-1', { Ref: 'Other' }]] } });
    expect(vpc6(stack)[0]?.description).toMatch(/could not evaluate: Subnets for eu-west-1 of Blueprint \(\{"Fn::Join":\[";",\["subnet-1",\{"Ref":"Other"\}\]\]\}\) is not known/);
  });

  test('does not read an output without an export name as the export of an intrinsic it cannot follow', () => {
    const app = new App();
    const network = new Stack(app, 'Network', { env: { account: '222222222222', region: 'eu-west-1' } });
    const { vpc } = l1Network(network);
    new CfnOutput(network, 'NotExported', { value: vpc.ref });
    const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
    blueprint(member, { VpcId: { 'Fn::Sub': '${Prefix}-vpc' } });
    expect(vpc6(app).map((v) => v.ruleName)).toEqual(['DataMesh-VPC6[Unverified]']);
  });
});
