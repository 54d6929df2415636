/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter, l1Profile } from '../../fixtures';

/** A consumer stack in `account` that binds an application (what makes the account a consumer). */
function consumerIn(app: ReturnType<typeof testApp>, account: string) {
  const stack = new Stack(app, `Consumer${account}`, { env: { account, region: 'eu-west-1' } });
  new CustomResource(stack, 'Trust', {
    serviceToken: `arn:aws:lambda:eu-west-1:${account}:function:trust`,
    resourceType: 'Custom::ConsumerTrustBinding',
    properties: { RoleName: 'datazone_usr_role_p_e', PrincipalArn: `arn:aws:iam::${account}:role/fn`, Sid: 'S' },
  });
  return stack;
}

const pp2 = (app: ReturnType<typeof testApp>) => dataMeshViolations(app).filter((v) => v.ruleName.startsWith('DataMesh-PP2'));

describe('DataMesh-PP2: a consumer account\'s project profile includes DataLake', () => {
  const IDS: Record<string, string> = { 'Tooling': 'cjegf7f6kky6w7', 'Lakehouse Database': 'd6y5smpdi8x9lz', 'Analytics': '5p2e0gv0e2f9ab' };
  function mesh(names: string[], account = '333333333333') {
    const app = testApp();
    const governance = testStack({}, app);
    consumerIn(app, '333333333333');
    l1Profile(governance, names.map((name) => ({ name, blueprintId: IDS[name], account })));
    return app;
  }

  test('accepts Tooling and a Lakehouse Database', () => {
    expect(dataMeshFindings(mesh(['Tooling', 'Lakehouse Database'])).filter((f) => f.startsWith('DataMesh-PP2'))).toEqual([]);
  });

  test('flags a profile for the consumer account without DataLake', () => {
    expect(dataMeshViolations(mesh(['Tooling'])).find((v) => v.ruleName === 'DataMesh-PP2')?.description)
      .toMatch(/found environment configurations Tooling for consumer account\(s\) 333333333333/);
  });

  test('does not apply to profiles of accounts that bind no application, nor in an app with no consumer at all', () => {
    expect(dataMeshFindings(mesh(['Tooling'], '222222222222')).filter((f) => f.startsWith('DataMesh-PP2'))).toEqual([]);
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: IDS.Tooling, account: deployTimeParameter(stack, 'Account') }]);
    expect(dataMeshFindings(stack).filter((f) => f.startsWith('DataMesh-PP2'))).toEqual([]);
  });

  test('reports "could not evaluate" when a configuration\'s account is a parameter and may be the consumer\'s', () => {
    const app = mesh(['Tooling']);
    const governance = app.node.findChild('Test') as Stack;
    const profile = governance.node.findChild('Profile') as any;
    profile.addPropertyOverride('EnvironmentConfigurations.0.AwsAccount.AwsAccountId', deployTimeParameter(governance, 'Account'));
    expect(dataMeshViolations(app).find((v) => v.ruleName === 'DataMesh-PP2[Unverified]')?.description)
      .toMatch(/could not evaluate: the AwsAccountId of 'Tooling' of Profile \(parameter Account, no default\)/);
  });

  test('reports "could not evaluate" for an opaque blueprint id that nothing names', () => {
    expect(dataMeshViolations(mesh(['Tooling', 'Analytics'])).find((v) => v.ruleName === 'DataMesh-PP2[Unverified]')?.description)
      .toMatch(/whether blueprint id\(s\) 5p2e0gv0e2f9ab of Profile are DataLake/);
  });

  test('does not apply to a profile without environment configurations, with no finding at all', () => {
    const app = mesh([]);
    expect(pp2(app)).toEqual([]);
  });

  test('reads a configuration without an account as the profile stack\'s own account', () => {
    const app = testApp();
    consumerIn(app, '333333333333');
    const profiles = new Stack(app, 'ConsumerProfiles', { env: { account: '333333333333', region: 'eu-west-1' } });
    new datazone.CfnProjectProfile(profiles, 'Profile', {
      name: 'p',
      domainIdentifier: 'dzd_abc123',
      environmentConfigurations: [{ name: 'Tooling', environmentBlueprintId: 'cjegf7f6kky6w7', awsRegion: { regionName: 'eu-west-1' } }],
    });
    expect(pp2(app).map((v) => v.description)).toEqual([expect.stringMatching(/found environment configurations Tooling for consumer account\(s\) 333333333333\./)]);
  });

  test('names every configuration and each consumer account once, leaving out the accounts that consume nothing', () => {
    const app = testApp();
    consumerIn(app, '333333333333');
    consumerIn(app, '444444444444');
    l1Profile(testStack({}, app), [
      { name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '333333333333' },
      { name: 'Workflows', blueprintId: 'Workflows', account: '444444444444' },
      { name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '444444444444' },
      { name: 'Tooling', blueprintId: 'cjegf7f6kky6w7', account: '222222222222' },
    ]);
    expect(pp2(app).map((v) => v.description))
      .toEqual([expect.stringMatching(/found environment configurations Tooling, Workflows, Tooling, Tooling for consumer account\(s\) 333333333333, 444444444444\./)]);
  });

  test('passes, with no finding at all, when DataLake is named by a blueprint configuration the profile refers to', () => {
    const app = mesh(['Tooling', 'Analytics']);
    const governance = app.node.findChild('Test') as Stack;
    const configuration = new datazone.CfnEnvironmentBlueprintConfiguration(governance, 'DataLakeConfiguration', {
      domainIdentifier: 'dzd_abc123', environmentBlueprintIdentifier: 'DataLake', enabledRegions: ['eu-west-1'],
    });
    (governance.node.findChild('Profile') as CfnResource).addPropertyOverride('EnvironmentConfigurations.1.EnvironmentBlueprintId', configuration.attrEnvironmentBlueprintId);
    expect(pp2(app)).toEqual([]);
  });

  test('names every opaque blueprint id it cannot tell from DataLake, and a blueprint it cannot read, as unverified only', () => {
    const app = mesh(['Tooling', 'Analytics']);
    const governance = app.node.findChild('Test') as Stack;
    const profile = governance.node.findChild('Profile') as CfnResource;
    profile.addPropertyOverride('EnvironmentConfigurations.0.Name', 'First');
    expect(pp2(app).map((v) => `${v.ruleName}: ${v.description}`)).toEqual([expect.stringMatching(
      /^DataMesh-PP2\[Unverified\]: .*could not evaluate: whether blueprint id\(s\) cjegf7f6kky6w7, 5p2e0gv0e2f9ab of Profile are DataLake \(an opaque id that no blueprint configuration, lookup or configuration name of this app names\) is not known/)]);
    const unreadable = mesh(['Tooling']);
    const stack = unreadable.node.findChild('Test') as Stack;
    const only = stack.node.findChild('Profile') as CfnResource;
    only.addPropertyOverride('EnvironmentConfigurations.0.Name', 'Custom');
    only.addPropertyOverride('EnvironmentConfigurations.0.EnvironmentBlueprintId', deployTimeParameter(stack, 'Blueprint'));
    expect(pp2(unreadable).map((v) => v.ruleName)).toEqual(['DataMesh-PP2[Unverified]']);
    expect(pp2(unreadable)[0].description).toMatch(/could not evaluate: the blueprint of 'Custom' of Profile \(parameter Blueprint, no default\)/);
  });

  test('does not apply to other resources', () => {
    const app = testApp();
    consumerIn(app, '333333333333');
    expect(dataMeshFindings(app).filter((f) => f.startsWith('DataMesh-PP2'))).toEqual([]);
  });
});
