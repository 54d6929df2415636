/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { join } from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { DataMeshChecks } from '../../src';

/*
 * Templates written for these tests in the shapes of AWS's SageMaker Unified Studio samples
 * (aws/Unified-Studio-for-Amazon-Sagemaker, cloudformation/domain/*.yaml and cloudformation/project/create_project.yaml),
 * included with CfnInclude into stacks with explicit accounts and Region as AWS's multi-account layout places
 * them: the domain, its share and its profiles (nested stacks) in the governance account, the blueprint
 * configurations and policy grants in each member account, the project in the governance account.
 */
const TEMPLATES = join(__dirname, 'aws-sample-shapes');
const GOVERNANCE = '111111111111';
const PRODUCER = '222222222222';
const CONSUMER = '333333333333';
const REGION = 'eu-west-1';
const DOMAIN_ID = 'dzd_a1b2c3d4e5f6g7';
const DOMAIN_UNIT_ID = 'c4bx2a7yqk9m3p';
const IDS = { tooling: 'cjegf7f6kky6w7', dataLake: 'd6y5smpdi8x9lz', redshift: '5p2e0gv0e2f9ab' };
const ROLE = (account: string, name: string) => `arn:aws:iam::${account}:role/service-role/${name}`;

interface SampleMesh {
  readonly app: App;
  readonly domain: CfnInclude;
  readonly members: Record<string, CfnInclude>;
}

/** The sample shapes, with every parameter given as a literal (`literal`) or left a parameter. */
function sampleMesh(literal: boolean, target = PRODUCER, app = new App()): SampleMesh {
  const env = (account: string) => ({ env: { account, region: REGION } });
  const governance = new Stack(app, 'Governance', env(GOVERNANCE));
  const given = <T>(values: T): T | undefined => (literal ? values : undefined);
  const domain = new CfnInclude(governance, 'Domain', {
    templateFile: join(TEMPLATES, 'governance-domain.yaml'),
    parameters: given({
      ExecutionRoleArn: ROLE(GOVERNANCE, 'AmazonSageMakerDomainExecution'),
      DomainServiceRoleArn: ROLE(GOVERNANCE, 'AmazonSageMakerDomainService'),
      MemberAccountId: target,
      ToolingBlueprintId: IDS.tooling,
      DataLakeBlueprintId: IDS.dataLake,
    }),
    loadNestedStacks: {
      ShareStack: {
        templateFile: join(TEMPLATES, 'governance-share.yaml'),
        parameters: given({ DomainId: DOMAIN_ID, DomainArn: `arn:aws:datazone:${REGION}:${GOVERNANCE}:domain/${DOMAIN_ID}`, DomainName: 'analytics-mesh' }),
      },
      ProfilesStack: {
        templateFile: join(TEMPLATES, 'governance-profiles.yaml'),
        parameters: given({
          DomainId: DOMAIN_ID,
          DomainUnitId: DOMAIN_UNIT_ID,
          TargetAccountId: target,
          TargetRegion: REGION,
          ToolingId: IDS.tooling,
          DataLakeId: IDS.dataLake,
          RedshiftId: IDS.redshift,
        }),
      },
    },
  });
  const members: Record<string, CfnInclude> = {};
  for (const [name, account] of [['Producer', PRODUCER], ['Consumer', CONSUMER]]) {
    const stack = new Stack(app, name, env(account));
    members[account] = new CfnInclude(stack, 'Blueprints', {
      templateFile: join(TEMPLATES, 'member-blueprints.yaml'),
      parameters: given({
        ManageAccessRoleArn: ROLE(account, 'AmazonSageMakerManageAccess-eu-west-1-dzd_a1b2c3d4e5f6g7'),
        ProvisioningRoleArn: ROLE(account, 'AmazonSageMakerProvisioning-' + account),
        PrivateSubnets: 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788',
        NetworkVpcId: 'vpc-0a1b2c3d4e5f60718',
      }),
    });
    new CfnInclude(stack, 'PolicyGrants', {
      templateFile: join(TEMPLATES, 'member-policy-grants.yaml'),
      parameters: given({ DomainId: DOMAIN_ID, DomainUnitId: DOMAIN_UNIT_ID, ToolingId: IDS.tooling, DataLakeId: IDS.dataLake }),
    });
  }
  new CfnInclude(new Stack(app, 'Project', env(GOVERNANCE)), 'Project', {
    templateFile: join(TEMPLATES, 'project.yaml'),
    parameters: given({ DomainId: DOMAIN_ID, ProjectProfileId: 'a9s8d7f6g5h4j3', GovernanceProfileId: 'k2l3m4n5b6v7c8' }),
  });
  return { app, domain, members };
}

const report = (mesh: SampleMesh) => new DataMeshChecks().validateScope(mesh.app);
const errors = (mesh: SampleMesh) => report(mesh).violations.filter((v) => v.severity === 'error');
const finding = (mesh: SampleMesh, id: string) => report(mesh).violations.find((v) => v.ruleName === id);
const profiles = (mesh: SampleMesh) => mesh.domain.getNestedStack('ProfilesStack').includedTemplate;

describe('DataMeshChecks on AWS\'s SageMaker Unified Studio sample shapes', () => {
  describe('with every parameter given as a literal', () => {
    test('finds no error', () => {
      expect(errors(sampleMesh(true))).toEqual([]);
    });

    test('warns of true choices and names each value it could not verify', () => {
      const mesh = sampleMesh(true);
      expect(report(mesh).violations.map((v) => `${v.ruleName} ${v.severity}`).sort()).toEqual([
        'DataMesh-BP2[Unverified] warning',
        'DataMesh-BP3[Unverified] warning',
        'DataMesh-BP5[Unverified] warning',
        'DataMesh-DZ2 warning',
        'DataMesh-RAM2 warning',
        'DataMesh-VPC6[Subnets:eu-west-1] warning',
        'DataMesh-VPC6[vpc-0a1b2c3d4e5f60718] warning',
      ]);
      // An on-demand configuration named by an opaque id, against member configurations named by blueprint names.
      expect(finding(mesh, 'DataMesh-BP3[Unverified]')?.description)
        .toMatch(/whether blueprint id 5p2e0gv0e2f9ab \('OnDemand Redshift Serverless' of SqlProfile\) is among the blueprints account 222222222222 enables in eu-west-1 \(Tooling, DataLake, RedshiftServerless, LakehouseCatalog\)/);
      expect(finding(mesh, 'DataMesh-BP2[Unverified]')?.description).toMatch(/the Availability Zones of the Tooling subnets subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788 \(defined outside this template\)/);
      expect(finding(mesh, 'DataMesh-VPC6[vpc-0a1b2c3d4e5f60718]')?.description).toMatch(/found VPC vpc-0a1b2c3d4e5f60718 \(VpcId for eu-west-1\), which is not defined in this app/);
      // The bucket is a template parameter of the member stacks: its format is named, not guessed.
      expect(finding(mesh, 'DataMesh-BP5[Unverified]')?.description).toMatch(/S3Location for eu-west-1 of Tooling \(parameter ToolingBucket/);
      expect(finding(mesh, 'DataMesh-RAM2')?.violatingResources.map((r) => r.constructPath))
        .toEqual(['Governance/Domain/ShareStack/ShareStack/ShareWith222222222222', 'Governance/Domain/ShareStack/ShareStack/ShareWith333333333333']);
    });

    test('still finds a consumer of DataLake whose account does not enable DataLake in the profile\'s Region', () => {
      const mesh = sampleMesh(true, CONSUMER);
      (mesh.members[CONSUMER].getResource('DataLake') as CfnResource).addPropertyOverride('EnabledRegions', ['eu-central-1']);
      expect(errors(mesh).map((v) => v.ruleName)).toEqual(['DataMesh-BP3']);
      expect(finding(mesh, 'DataMesh-BP3')?.description)
        .toMatch(/found DataLake \('Lakehouse Database' of SqlProfile\): account 333333333333 enables only Tooling, RedshiftServerless, LakehouseCatalog in eu-west-1/);
    });

    test('still finds a profile without Tooling, and a share with the V1 permission', () => {
      const mesh = sampleMesh(true);
      (profiles(mesh).getResource('SqlProfile') as CfnResource).addPropertyOverride('EnvironmentConfigurations', [
        { Name: 'Lakehouse Database', EnvironmentBlueprintId: IDS.dataLake, DeploymentMode: 'ON_CREATE', DeploymentOrder: 0, AwsAccount: { AwsAccountId: PRODUCER }, AwsRegion: { RegionName: REGION } },
      ]);
      (mesh.domain.getNestedStack('ShareStack').includedTemplate.getResource('ShareWith222222222222') as CfnResource)
        .addPropertyOverride('PermissionArns', ['arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAmazonDataZoneDomain']);
      expect(errors(mesh).map((v) => v.ruleName).sort()).toEqual(['DataMesh-PP1', 'DataMesh-RAM1']);
    });

    test('lets the app synthesize with the pack registered, and refuses it once a true mistake is injected', () => {
      const sound = sampleMesh(true);
      Validations.of(sound.app).addPlugins(new DataMeshChecks());
      expect(() => sound.app.synth()).not.toThrow();
      const broken = sampleMesh(true, CONSUMER);
      (broken.members[CONSUMER].getResource('DataLake') as CfnResource).addPropertyOverride('EnabledRegions', ['eu-central-1']);
      Validations.of(broken.app).addPlugins(new DataMeshChecks());
      expect(() => broken.app.synth()).toThrow(/DataMesh-BP3/);
    });
  });

  describe('with the parameters left as parameters (with and without defaults)', () => {
    test('finds no error', () => {
      expect(errors(sampleMesh(false))).toEqual([]);
    });

    test('names every parameter it could not read, in warnings that say what to acknowledge', () => {
      const mesh = sampleMesh(false);
      const violations = report(mesh).violations;
      expect(violations.map((v) => v.ruleName).sort()).toEqual([
        'DataMesh-BP2[Unverified]', 'DataMesh-BP3[Unverified]', 'DataMesh-BP5[Unverified]', 'DataMesh-DZ2',
        'DataMesh-RAM1[Unverified]', 'DataMesh-RAM2[Unverified]', 'DataMesh-RAM3[Unverified]', 'DataMesh-RAM4[Unverified]', 'DataMesh-VPC6[Unverified]',
      ]);
      expect(finding(mesh, 'DataMesh-BP3[Unverified]')?.description).toMatch(/the AwsAccountId of 'Tooling' of SqlProfile \(parameter TargetAccountId, no default\)/);
      expect(finding(mesh, 'DataMesh-BP3[Unverified]')?.description).toMatch(/acknowledge DataMesh-BP3\[Unverified\] on the resource/);
      expect(finding(mesh, 'DataMesh-RAM1[Unverified]')?.description).toMatch(/its ResourceArns entry \(parameter DomainArn, no default\)/);
      expect(finding(mesh, 'DataMesh-VPC6[Unverified]')?.description).toMatch(/\(parameter NetworkVpcId, no default\)/);
      expect(finding(mesh, 'DataMesh-BP2[Unverified]')?.description).toMatch(/parameter PrivateSubnets, no default/);
    });

    test('makes them errors in strict mode', () => {
      const strict = new DataMeshChecks(undefined, { strict: true }).validateScope(sampleMesh(false).app);
      expect(strict.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName).sort())
        .toEqual(['DataMesh-BP2[Unverified]', 'DataMesh-BP3[Unverified]', 'DataMesh-BP5[Unverified]', 'DataMesh-RAM1[Unverified]', 'DataMesh-RAM3[Unverified]', 'DataMesh-RAM4[Unverified]']);
    });
  });

  test('includes a template only once its Fn::ForEach loops are written out: CfnInclude does not expand them', () => {
    expect(() => new CfnInclude(new Stack(new App(), 'ForEach'), 'Share', { templateFile: join(TEMPLATES, 'foreach-share.yaml') }))
      .toThrow(/The `type` property is required/);
  });
});
