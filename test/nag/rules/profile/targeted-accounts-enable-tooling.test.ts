/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Aws, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { l1Profile, l1Tooling } from '../../fixtures';

const TOOLING_ID = 'cjegf7f6kky6w7';
const DATA_LAKE_ID = 'd6y5smpdi8x9lz';
const PROFILE = [
  { name: 'Tooling', blueprintId: TOOLING_ID, account: '222222222222' },
  { name: 'Lakehouse Database', blueprintId: DATA_LAKE_ID, account: '222222222222' },
];

/** A governance profile listing Tooling and DataLake for account 222222222222, whose stack enables `blueprints`. */
function mesh(blueprints: string[], options: { profileRegion?: string; enabledRegion?: string; profile?: typeof PROFILE } = {}) {
  const app = testApp();
  const governance = testStack({}, app);
  const member = new Stack(app, 'Member', { env: { account: '222222222222', region: 'eu-west-1' } });
  for (const blueprint of blueprints) {
    l1Tooling(member, 'subnet-1,subnet-2', { identifier: blueprint }).enabledRegions = [options.enabledRegion ?? 'eu-west-1'];
  }
  l1Profile(governance, (options.profile ?? PROFILE).map((c) => ({ ...c, region: options.profileRegion })));
  return app;
}

const bp3 = (app: App, id = 'DataMesh-BP3') => dataMeshViolations(app).find((v) => v.ruleName === id);

describe('DataMesh-BP3: every account a project profile targets enables every blueprint it lists, in its Region', () => {
  test('accepts a profile whose account enables each of its blueprints in another stack of the app', () => {
    expect(dataMeshFindings(mesh(['Tooling', 'DataLake'])).filter((f) => f.startsWith('DataMesh-BP3'))).toEqual([]);
  });

  test('reads an enabled Region given as { Ref: AWS::Region } from the stack\'s environment', () => {
    expect(dataMeshFindings(mesh(['Tooling', 'DataLake'], { enabledRegion: Aws.REGION })).filter((f) => f.startsWith('DataMesh-BP3'))).toEqual([]);
  });

  test('matches a blueprint given by the same opaque id on both sides', () => {
    const profile = [{ name: 'Analytics', blueprintId: 'x9k2m4n6p8q0r1', account: '222222222222' }, PROFILE[0]];
    expect(dataMeshFindings(mesh(['Tooling', 'x9k2m4n6p8q0r1'], { profile })).filter((f) => f.startsWith('DataMesh-BP3'))).toEqual([]);
  });

  test('flags a consumer account that enables only Tooling while its profile lists DataLake', () => {
    expect(bp3(mesh(['Tooling']))?.description)
      .toMatch(/found DataLake \('Lakehouse Database' of Profile\): account 222222222222 enables only Tooling in eu-west-1/);
  });

  test('flags a profile in a Region where the account enables nothing', () => {
    expect(bp3(mesh(['Tooling', 'DataLake'], { profileRegion: 'eu-central-1' }))?.description)
      .toMatch(/found Tooling \('Tooling' of Profile\): no blueprint configuration of account 222222222222 is enabled in eu-central-1/);
  });

  test('reports the breach and what it could not verify together, neither masking the other', () => {
    const profile = [...PROFILE, { name: 'Tooling', blueprintId: TOOLING_ID, account: '444444444444' }];
    const app = mesh(['Tooling'], { profile });
    expect(bp3(app)?.description).toMatch(/found DataLake/);
    expect(bp3(app)?.severity).toBe('error');
    expect(bp3(app, 'DataMesh-BP3[Unverified]')?.description)
      .toMatch(/could not evaluate: whether account 444444444444 enables Tooling in eu-west-1 \(no stack of that account is in this app\)/);
  });

  test('does not apply to resources that are not project profiles', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" for a blueprint id that no configuration of the account names', () => {
    const profile = [PROFILE[0], { name: 'Redshift', blueprintId: '5p2e0gv0e2f9ab', account: '222222222222' }];
    const app = mesh(['Tooling', 'RedshiftServerless'], { profile });
    expect(bp3(app)).toBeUndefined();
    expect(bp3(app, 'DataMesh-BP3[Unverified]')?.description)
      .toMatch(/could not evaluate: whether blueprint id 5p2e0gv0e2f9ab \('Redshift' of Profile\) is among the blueprints account 222222222222 enables in eu-west-1 \(Tooling, RedshiftServerless\)/);
  });

  const said = (app: App) => dataMeshViolations(app).filter((v) => v.ruleName.startsWith('DataMesh-BP3'))
    .map((v) => `${v.ruleName}: ${v.description.replace(/^.*?Test\/Profile: /, '').replace(/\. To accept: [^]*$/, '')}`);
  const member = (app: App) => app.node.findChild('Member') as Stack;
  const governance = (app: App) => app.node.findChild('Test') as Stack;

  test('counts only the configurations of the targeted account, not those of another account', () => {
    const app = mesh(['Tooling']);
    l1Tooling(governance(app), 'subnet-1,subnet-2', { identifier: 'DataLake' });
    expect(said(app)).toEqual(["DataMesh-BP3: found DataLake ('Lakehouse Database' of Profile): account 222222222222 enables only Tooling in eu-west-1."]);
  });

  test('names every blueprint the account enables there, and every configuration it misses', () => {
    const profile = [...PROFILE, { name: 'Workflows', blueprintId: 'Workflows', account: '222222222222' }];
    const app = mesh(['Tooling', 'EmrServerless'], { profile });
    expect(said(app)).toEqual([
      "DataMesh-BP3: found DataLake ('Lakehouse Database' of Profile): account 222222222222 enables only Tooling, EmrServerless in eu-west-1; "
      + "Workflows ('Workflows' of Profile): account 222222222222 enables only Tooling, EmrServerless in eu-west-1.",
    ]);
  });

  test('skips a configuration whose account or Region is known only at deploy, saying only that', () => {
    const app = mesh(['Tooling', 'DataLake']);
    const profile = governance(app).node.findChild('Profile') as CfnResource;
    profile.addPropertyOverride('EnvironmentConfigurations.0.AwsAccount.AwsAccountId', { Ref: 'Account' });
    profile.addPropertyOverride('EnvironmentConfigurations.1.AwsRegion.RegionName', { Ref: 'Region' });
    expect(said(app)).toEqual([
      "DataMesh-BP3[Unverified]: could not evaluate: the AwsAccountId of 'Tooling' of Profile ({ Ref: Account } (a parameter or a resource's id)) is not known at synth "
      + "(a token, parameter or intrinsic function); could not evaluate: the RegionName of 'Lakehouse Database' of Profile ({ Ref: Region } (a parameter or a resource's id)) "
      + 'is not known at synth (a token, parameter or intrinsic function)',
    ]);
  });

  test('does not compare with a configuration whose Regions or identifier are known only at deploy, naming it', () => {
    const regions = mesh(['Tooling']);
    l1Tooling(member(regions), 'subnet-1,subnet-2', { identifier: 'DataLake' }).addPropertyOverride('EnabledRegions', { Ref: 'Regions' });
    expect(said(regions)).toEqual([
      "DataMesh-BP3[Unverified]: could not evaluate: whether DataLake ('Lakehouse Database' of Profile) is among the blueprints account 222222222222 enables in eu-west-1 "
      + '(Tooling; Regions of BlueprintDataLake not known): a blueprint named on one side and given by its opaque id on the other cannot be compared '
      + 'is not known at synth (a token, parameter or intrinsic function)',
    ]);
    const elsewhere = mesh(['Tooling'], { enabledRegion: 'us-east-1' });
    l1Tooling(member(elsewhere), 'subnet-1,subnet-2', { identifier: 'DataLake' }).addPropertyOverride('EnabledRegions', { Ref: 'Regions' });
    expect(said(elsewhere)[0]).toMatch(/\(none readable; Regions of BlueprintDataLake not known\)/);
    const identifier = mesh(['Tooling']);
    l1Tooling(member(identifier), 'subnet-1,subnet-2', { identifier: 'Other' }).addPropertyOverride('EnvironmentBlueprintIdentifier', { Ref: 'Blueprint' });
    expect(said(identifier)).toEqual([expect.stringMatching(/^DataMesh-BP3\[Unverified\]: .*\(Tooling, BlueprintOther \(identifier not known at synth\)\): a blueprint named/)]);
  });

  test('does not compare a named blueprint with an opaque id the account enables beside named ones', () => {
    const app = mesh(['Tooling', 'x9k2m4n6p8q0r1']);
    expect(said(app)).toEqual([expect.stringMatching(/^DataMesh-BP3\[Unverified\]: .*\(Tooling, blueprint id x9k2m4n6p8q0r1\): a blueprint named/)]);
  });

  test('names a configuration whose blueprint is known only at deploy by its position', () => {
    const app = mesh(['Tooling', 'DataLake']);
    const profile = governance(app).node.findChild('Profile') as CfnResource;
    profile.addPropertyOverride('EnvironmentConfigurations.1.Name', { Ref: 'Name' });
    profile.addPropertyOverride('EnvironmentConfigurations.1.EnvironmentBlueprintId', { Ref: 'Blueprint' });
    expect(said(app)).toEqual([expect.stringMatching(new RegExp(
      '^DataMesh-BP3\\[Unverified\\]: could not evaluate: the blueprint of configuration 1 of Profile \\(\\{ Ref: Blueprint \\}.*; could not evaluate: whether the blueprint of '
      + 'configuration 1 of Profile \\(configuration 1 of Profile\\) is among the blueprints account 222222222222 enables in eu-west-1 \\(Tooling, DataLake\\)'))]);
  });
});
