/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CatalogDomain, DataMeshChecks } from '../../../../src';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { deployTimeParameter, l1Governance } from '../../fixtures';

const ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] };

/** What a team without the library writes: the governance account's own statement, plus `extra`. */
function l1Key(stack: Stack, extra: object[] = []): kms.CfnKey {
  return new kms.CfnKey(stack, 'DomainKey', {
    enableKeyRotation: true,
    keyPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }, ...extra],
    },
  });
}

/** The statement CatalogDomain adds for `account` (and MDAA's createDomainKmsKey does too). */
function throughDataZone(account: string, region: unknown = 'eu-west-1') {
  return {
    Effect: 'Allow',
    Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] } },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    Resource: '*',
    Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': typeof region === 'string' ? `datazone.${region}.amazonaws.com` : region } },
  };
}

function dz3(stack: Stack) {
  return dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-DZ3'));
}

describe('DataMesh-DZ3: the key policy of the domain\'s customer managed key admits every account the domain is shared with', () => {
  test('accepts a key policy with a statement through DataZone for each shared account', () => {
    const stack = testStack();
    const key = l1Key(stack, [throughDataZone('222222222222'), throughDataZone('333333333333')]);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-DZ3'))).toEqual([]);
  });

  test('accepts wildcard actions and an account id principal, and a ViaService Region given as AWS::Region', () => {
    const stack = testStack();
    const key = l1Key(stack, [{
      Effect: 'Allow',
      Principal: { AWS: ['222222222222', 'arn:aws:iam::333333333333:root'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringLike: { 'kms:ViaService': Fn.join('', ['datazone.', Stack.of(stack).region, '.amazonaws.com']) } },
    }]);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dz3(stack)).toEqual([]);
  });

  test('accepts IfExists operators, a Null test and a ViaService written with Fn::Sub (hand-written YAML)', () => {
    const stack = testStack();
    const key = l1Key(stack, ['222222222222', '333333333333'].map((account) => ({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        StringEqualsIfExists: { 'kms:CallerAccount': account },
        StringLike: { 'kms:ViaService': { 'Fn::Sub': 'datazone.${AWS::Region}.amazonaws.com' } },
        Null: { 'kms:ViaService': 'false' },
      },
    })));
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dz3(stack)).toEqual([]);
  });

  test('flags a key policy that admits only the governance account, naming each refused account as its own finding', () => {
    const stack = testStack();
    const key = l1Key(stack);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-DZ3'))).toEqual(['DataMesh-DZ3[222222222222]', 'DataMesh-DZ3[333333333333]']);
    expect(dz3(stack)[0].description).toMatch(/Test\/Domain: found key DomainKey whose policy does not admit account 222222222222 \(shared by Share\)/);
    expect(dz3(stack)[0].severity).toBe('error');
  });

  test('flags an account whose statement lacks kms:GenerateDataKey, or is for another account or another service', () => {
    const stack = testStack();
    const key = l1Key(stack, [
      { ...throughDataZone('222222222222'), Action: ['kms:Decrypt', 'kms:DescribeKey'] },
      { ...throughDataZone('333333333333'), Condition: { StringEquals: { 'kms:CallerAccount': '444444444444', 'kms:ViaService': 'datazone.eu-west-1.amazonaws.com' } } },
      { ...throughDataZone('333333333333'), Condition: { StringEquals: { 'kms:CallerAccount': '333333333333', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
    ]);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-DZ3'))).toEqual(['DataMesh-DZ3[222222222222]', 'DataMesh-DZ3[333333333333]']);
  });

  test('flags a statement that names one role of the account: DataZone acts for many of its roles', () => {
    const stack = testStack();
    const key = l1Key(stack, [
      throughDataZone('222222222222'),
      { ...throughDataZone('333333333333'), Principal: { AWS: 'arn:aws:iam::333333333333:role/deployer' } },
    ]);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-DZ3'))).toEqual(['DataMesh-DZ3[333333333333]']);
  });

  test('does not apply to a domain with an AWS owned key, or with a key defined outside the app', () => {
    const owned = testStack();
    l1Governance(owned, { kmsKeyIdentifier: undefined });
    expect(dz3(owned)).toEqual([]);
    const outside = testStack();
    l1Governance(outside, { kmsKeyIdentifier: deployTimeParameter(outside, 'KeyArn') });
    expect(dz3(outside)).toEqual([]);
  });

  test('does not apply to a domain that is not shared', () => {
    const stack = testStack();
    const key = l1Key(stack);
    const { share } = l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    stack.node.tryRemoveChild(share.node.id);
    expect(dz3(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the share\'s principals are known only at deploy', () => {
    const stack = testStack();
    const key = l1Key(stack);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn, principals: [deployTimeParameter(stack, 'Account')] });
    expect(dz3(stack).map((v) => v.description)).toEqual([expect.stringMatching(/^Could not verify at synth: .*could not evaluate: Principals of resource share Share/)]);
  });

  test('reports "could not evaluate" when a condition of the key policy is known only at deploy', () => {
    const stack = testStack();
    const key = l1Key(stack, [throughDataZone('222222222222', deployTimeParameter(stack, 'Service')), throughDataZone('333333333333')]);
    l1Governance(stack, { kmsKeyIdentifier: key.attrArn });
    expect(dz3(stack).map((v) => v.description)).toEqual([expect.stringMatching(/could not evaluate: KeyPolicy of key DomainKey/)]);
  });

  describe('at synth, reading the written templates', () => {
    test('lets a CatalogDomain with a customer managed key synthesize', () => {
      const app = testApp();
      const stack = testStack({}, app);
      new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: ['222222222222', '333333333333'], encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
      Validations.of(app).addPlugins(new DataMeshChecks());
      expect(() => app.synth()).not.toThrow();
    });

    test('refuses a hand-written domain whose key admits only the governance account', () => {
      const app = testApp();
      const stack = testStack({}, app);
      l1Governance(stack, { kmsKeyIdentifier: l1Key(stack).attrArn });
      Validations.of(app).addPlugins(new DataMeshChecks());
      expect(() => app.synth()).toThrow(/Test\/Domain: found key DomainKey whose policy does not admit account 222222222222/);
    });
  });
});
