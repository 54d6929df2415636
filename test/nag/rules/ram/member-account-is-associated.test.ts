/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FUNCTION_BINDING_TYPE, TRUST_BINDING_TYPE } from '../../../../src/contract';
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
  /** The RAM4 finding ids of an app whose governance stack shares the domain by `share` and has member 333333333333. */
  function withShare(share: (stack: Stack, domain: datazone.CfnDomain) => void) {
    const app = testApp();
    const stack = governance(app);
    share(stack, stack.node.findChild('Domain') as datazone.CfnDomain);
    member(app, '333333333333');
    return { app, ids: dataMeshViolations(app).filter((v) => v.ruleName.startsWith('DataMesh-RAM4')).map((v) => v.ruleName) };
  }
  /** A share of `resourceArns` with `principals` (`null`: no Principals). */
  const shareOf = (stack: Stack, id: string, resourceArns: unknown, principals: unknown = ['333333333333']) =>
    new ram.CfnResourceShare(stack, id, { name: id, resourceArns: resourceArns as string[], principals: (principals ?? undefined) as string[] });

  test('finds the domain in a share by its literal ARN or an ARN built around it, and passes when any share names the account', () => {
    expect(withShare((stack) => shareOf(stack, 'Literal', ['arn:aws:datazone:eu-west-1:111111111111:domain/dzd_4f8a2b1c9e3d7h'])).ids).toEqual([]);
    expect(withShare((stack) => shareOf(stack, 'Joined', [Fn.join('', ['arn:aws:datazone:eu-west-1:111111111111:domain/', deployTimeParameter(stack, 'Id')])])).ids).toEqual([]);
    expect(withShare((stack, domain) => {
      shareOf(stack, 'First', [domain.attrArn], ['222222222222']);
      shareOf(stack, 'Second', [domain.attrArn]);
    }).ids).toEqual([]);
  });

  test('does not read a literal ARN of a project or of another service as a domain', () => {
    for (const arn of ['arn:aws:datazone:eu-west-1:111111111111:project/dzd_4f8a2b1c9e3d7h', 'arn:aws:datazone:eu-west-1:111111111111:domain/abc', 'arn:aws:glue:eu-west-1:111111111111:domain/dzd_x', 'x-arn:aws:datazone:eu-west-1:111111111111:domain/dzd_x']) {
      const { app, ids } = withShare((stack) => shareOf(stack, 'Other', [arn]));
      expect(ids).toEqual(['DataMesh-RAM4']);
      expect(ram4(app)?.description).toMatch(/no AWS::RAM::ResourceShare in the app shares it/);
    }
  });

  test('reads a share of another resource of the app, or of another service\'s joined ARN, as not a share of the domain', () => {
    expect(withShare((stack) => shareOf(stack, 'BucketShare', [new s3.CfnBucket(stack, 'Bucket').attrArn])).ids).toEqual(['DataMesh-RAM4']);
    expect(withShare((stack) => shareOf(stack, 'Ssm', [Fn.join('', ['arn:aws:ssm:eu-west-1:111111111111:parameter/', deployTimeParameter(stack, 'Name')])])).ids).toEqual(['DataMesh-RAM4']);
    expect(withShare((stack) => shareOf(stack, 'None', undefined)).ids).toEqual(['DataMesh-RAM4']);
  });

  test('reports "could not evaluate" for shared ARNs, principals or an organization it cannot read, naming each', () => {
    const parameter = withShare((stack) => shareOf(stack, 'Param', [deployTimeParameter(stack, 'Arn')]));
    expect(ram4(parameter.app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/could not evaluate: the ResourceArns of Param \(account 333333333333/);
    const joined = withShare((stack) => shareOf(stack, 'Joined', [Fn.join('', [deployTimeParameter(stack, 'Arn'), '/x'])]));
    expect(joined.ids).toEqual(['DataMesh-RAM4[Unverified]']);
    const notList = withShare((stack) => shareOf(stack, 'Split', Fn.split(',', deployTimeParameter(stack, 'Arns'))));
    expect(ram4(notList.app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/the ResourceArns of Split/);
    const principals = withShare((stack, domain) => shareOf(stack, 'Principals', [domain.attrArn], Fn.split(',', deployTimeParameter(stack, 'Accounts'))));
    expect(ram4(principals.app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/the Principals of Principals \(account/);
    const organization = withShare((stack, domain) => shareOf(stack, 'Org', [domain.attrArn], ['arn:aws:organizations::111111111111:organization/o-abc123', '222222222222']));
    expect(ram4(organization.app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/whether account 333333333333 is in arn:aws:organizations::111111111111:organization\/o-abc123 \(a principal of Org\)/);
  });

  test('names every share of the domain and their principals, "no principal" for one without', () => {
    const { app } = withShare((stack, domain) => {
      shareOf(stack, 'First', [domain.attrArn], ['222222222222', '444444444444']);
      shareOf(stack, 'Second', [domain.attrArn], null);
    });
    expect(ram4(app)?.description).toMatch(/which no share of the domain names \(First names 222222222222, 444444444444; Second names no principal\)/);
  });

  test('names every domain and its accounts when none is shared', () => {
    const app = testApp();
    governance(app);
    const other = new Stack(app, 'Other', { env: { account: '444444444444', region: 'eu-west-1' } });
    new datazone.CfnDomain(other, 'Second', { name: 'second', domainExecutionRole: ROLE_ARN });
    member(app, '222222222222');
    expect(ram4(app)?.description).toMatch(/while domain Domain, Second is in account 111111111111, 444444444444 and no/);
  });

  test('reports the stack on its first mesh resource of any kind, and names the kind', () => {
    const app = testApp();
    governance(app, ['222222222222']);
    const stack = new Stack(app, 'Lake', { env: { account: '333333333333', region: 'eu-west-1' } });
    new lakeformation.CfnResource(stack, 'Registration', { resourceArn: 'arn:aws:s3:::lake', useServiceLinkedRole: true });
    new lakeformation.CfnResource(stack, 'Second', { resourceArn: 'arn:aws:s3:::lake2', useServiceLinkedRole: true });
    const found = dataMeshViolations(app).filter((v) => v.ruleName === 'DataMesh-RAM4');
    expect(found).toHaveLength(1);
    expect(found[0].violatingResources).toHaveLength(1);
    expect(found[0].description).toMatch(/found stack Lake in account 333333333333 \(its Lake Formation registration Registration\)/);
  });

  test('names the kind of the resource it reports on: a data source, or a consumer binding of either kind', () => {
    for (const [type, kind] of [['AWS::DataZone::DataSource', 'data source'], [TRUST_BINDING_TYPE, 'consumer binding'], [FUNCTION_BINDING_TYPE, 'consumer binding']]) {
      const app = testApp();
      governance(app, ['222222222222']);
      new CfnResource(new Stack(app, 'Apps', { env: { account: '333333333333', region: 'eu-west-1' } }), 'First', { type, properties: { DomainIdentifier: DOMAIN } });
      expect(ram4(app)?.description).toMatch(new RegExp(`found stack Apps in account 333333333333 \\(its ${kind} First\\)`));
    }
  });

  test('names every share it cannot read, when no other share names the account', () => {
    const { app } = withShare((stack) => {
      shareOf(stack, 'A', [deployTimeParameter(stack, 'ArnA')]);
      shareOf(stack, 'B', [deployTimeParameter(stack, 'ArnB')]);
    });
    expect(ram4(app, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/could not evaluate: the ResourceArns of A, the ResourceArns of B \(account 333333333333 is named by no other share of the domain\)/);
  });

  test('reports "could not evaluate" for a member or domain stack without an account', () => {
    const agnosticMember = testApp();
    governance(agnosticMember, ['222222222222']);
    new datazone.CfnEnvironmentBlueprintConfiguration(new Stack(agnosticMember, 'Anywhere'), 'Blueprint', { domainIdentifier: DOMAIN, environmentBlueprintIdentifier: 'x', enabledRegions: ['eu-west-1'] });
    expect(ram4(agnosticMember, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/could not evaluate: the account of stack Anywhere, which holds blueprint configuration Blueprint/);
    const agnosticDomain = testApp();
    new datazone.CfnDomain(new Stack(agnosticDomain, 'Governance'), 'Domain', { name: 'mesh', domainExecutionRole: ROLE_ARN });
    member(agnosticDomain, '222222222222');
    expect(ram4(agnosticDomain, 'DataMesh-RAM4[Unverified]')?.description).toMatch(/could not evaluate: the account of stack Governance, which holds domain Domain/);
  });
});
