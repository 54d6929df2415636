/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as ram from 'aws-cdk-lib/aws-ram';
import { dataMeshViolations, testApp, testStack } from '../../../util';
import { API_AND_PORTAL, deployTimeParameter, ROLE_ARN } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';

/** A governance stack (account 111111111111) with a domain shared with `principals` (no share when undefined). */
function governance(app: App, principals?: unknown) {
  const stack = testStack({}, app);
  const domain = new datazone.CfnDomain(stack, 'Domain', { name: 'data-mesh', domainExecutionRole: ROLE_ARN, domainVersion: 'V2', singleSignOn: { type: 'IAM_IDC', userAssignment: 'AUTOMATIC' } });
  if (principals !== undefined) {
    new ram.CfnResourceShare(stack, 'DomainShare', { name: 'DataZone-data-mesh', resourceArns: [domain.attrArn], principals: principals as any, permissionArns: [API_AND_PORTAL] });
  }
  return stack;
}

/** A member stack in `account` that enables two blueprints (by their opaque ids) of the domain. */
function member(app: App, account: string) {
  const stack = new Stack(app, `Member${account}`, { env: { account, region: 'eu-west-1' } });
  for (const id of ['cjegf7f6kky6w7', 'd1srxk8dfq9ofb']) {
    new datazone.CfnEnvironmentBlueprintConfiguration(stack, `Blueprint${id}`, { domainIdentifier: DOMAIN, environmentBlueprintIdentifier: id, enabledRegions: ['eu-west-1'] });
  }
  return stack;
}

const ram4 = (app: App, id = 'DataMesh-RAM4') => dataMeshViolations(app).find((v) => v.ruleName === id);

describe('DataMesh-RAM4: every member account with mesh stacks is named by the domain\'s RAM share', () => {
  test('accepts member accounts the domain share names', () => {
    const app = testApp();
    governance(app, ['222222222222', '333333333333']);
    member(app, '222222222222');
    member(app, '333333333333');
    expect(ram4(app)).toBeUndefined();
  });

  test('flags, once per stack, a member account the share does not name, naming the share\'s principals and the fix', () => {
    const app = testApp();
    governance(app, ['222222222222']);
    member(app, '333333333333');
    const violation = ram4(app);
    expect(violation?.severity).toBe('error');
    expect(violation?.violatingResources).toHaveLength(1);
    expect(violation?.description).toMatch(/found stack Member333333333333 in account 333333333333 \(its blueprint configuration Blueprintcjegf7f6kky6w7\w*\), which no share of the domain names \(DomainShare names 222222222222\); add 333333333333 to the Principals/);
    expect((violation as any)?.fix).toMatch(/Add the account to the Principals of the domain's AWS::RAM::ResourceShare/);
  });

  test('flags a member account when the domain, in another account, is shared by no RAM share at all', () => {
    const app = testApp();
    governance(app);
    member(app, '222222222222');
    expect(ram4(app)?.description).toMatch(/found stack Member222222222222 in account 222222222222 .*, while domain Domain is in account 111111111111 and no AWS::RAM::ResourceShare in the app shares it; add a share of the domain's ARN naming 222222222222/);
  });

  test('does not apply in the domain\'s own account, nor when the app defines no domain', () => {
    const sameAccount = testApp();
    governance(sameAccount);
    member(sameAccount, '111111111111');
    expect(ram4(sameAccount)).toBeUndefined();
    const membersOnly = testApp();
    member(membersOnly, '222222222222');
    expect(ram4(membersOnly)).toBeUndefined();
  });

  test('reports "could not evaluate" when the share\'s principals are a parameter', () => {
    const app = testApp();
    const stack = governance(app, []);
    const share = stack.node.findChild('DomainShare') as ram.CfnResourceShare;
    share.principals = [deployTimeParameter(stack, 'MemberAccount')];
    member(app, '222222222222');
    expect(ram4(app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/could not evaluate: a principal of DomainShare \(account 222222222222 is named by no other share of the domain\)/);
  });
});
