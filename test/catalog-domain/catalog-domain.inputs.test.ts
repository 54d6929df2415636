/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { CatalogDomain, CatalogDomainAttributes, CatalogDomainProps, SharedCatalogDomainProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { ACCOUNT, testStack } from '../util';

const PRODUCER = '222222222222';

function domain(app: App, props: Partial<CatalogDomainProps>): CatalogDomain {
  return new CatalogDomain(testStack({}, app), 'Domain', { domainName: 'mesh', ...props });
}

/** The contract of CatalogDomain's props: each row is refused at synth with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Partial<CatalogDomainProps>>> = [
  { prop: 'domainName', value: { domainName: '' }, shown: "''", expect: ['1-64 letters, digits, _, - and spaces', 'Rename the domain'] },
  { prop: 'domainName', value: { domainName: 'm'.repeat(65) }, shown: `'${'m'.repeat(65)}'`, expect: ['1-64', 'Rename the domain'] },
  { prop: 'domainName', value: { domainName: 'data/mesh' }, shown: "'data/mesh'", expect: ['letters, digits, _, - and spaces', 'Rename the domain'] },
  { prop: 'domainName', value: { domainName: '   ' }, shown: "'   '", expect: ['not only spaces', 'Rename the domain'] },
  { prop: 'identityCenterInstanceArn', value: { identityCenterInstanceArn: 'arn:aws:sso:::instance/abc' }, shown: "'arn:aws:sso:::instance/abc'", expect: ['arn:aws:sso:::instance/ssoins-', 'Copy the instance ARN'] },
  { prop: 'identityCenterInstanceArn', value: { identityCenter: false, identityCenterInstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' }, shown: "'arn:aws:sso:::instance/ssoins-0123456789abcdef'", expect: ['no effect when identityCenter is false', 'Remove it'] },
  { prop: 'associationTimeout', value: { associationTimeout: Duration.seconds(30) }, shown: "'30 seconds'", expect: ['from 60 to 3300', 'Duration.minutes(30)'] },
  { prop: 'associationTimeout', value: { associationTimeout: Duration.hours(2) }, shown: "'7200 seconds'", expect: ['one hour', 'Duration.minutes(30)'] },
  { prop: 'associationTimeout', value: { associationTimeout: Duration.millis(90500) }, shown: "'90.5 seconds'", expect: ['whole seconds', 'Duration.minutes(30)'] },
  { prop: 'account', value: { associatedAccounts: ['12345'] }, shown: "'12345'", expect: ['exactly 12 digits', 'leading zeros'] },
  { prop: 'account', value: { associatedAccounts: ['ou-ab12-cdef3456'] }, shown: "'ou-ab12-cdef3456'", expect: ['organizational unit', 'List the member accounts'] },
  { prop: 'account', value: { associatedAccounts: [ACCOUNT] }, shown: `'${ACCOUNT}'`, expect: ['governance account', 'other accounts'] },
  { prop: 'account', value: { associatedAccounts: [PRODUCER, PRODUCER] }, shown: `'${PRODUCER}'`, expect: ['already associated', 'Remove the duplicate'] },
  { prop: 'identityCenter', value: { identityCenter: false, associatedAccounts: [PRODUCER] }, shown: 'false', expect: ['Identity Center domain', 'Leave identityCenter on'] },
];

/** Valid edge values the service accepts: they must synthesize. */
const VALID: Array<ValidRow<Partial<CatalogDomainProps>>> = [
  { name: 'a one-character name', value: { domainName: 'm' } },
  { name: 'the longest name, 64 characters', value: { domainName: 'm'.repeat(64) } },
  { name: 'a name with spaces, hyphens and underscores', value: { domainName: 'data mesh_2026-eu' } },
  { name: 'the shortest association timeout, 60 seconds', value: { associationTimeout: Duration.seconds(60) } },
  { name: 'the longest association timeout, 55 minutes', value: { associationTimeout: Duration.minutes(55) } },
  { name: 'a timeout that is not a multiple of the poll interval', value: { associationTimeout: Duration.seconds(61), associatedAccounts: [PRODUCER] } },
  { name: 'an account id with leading zeros', value: { associatedAccounts: ['012345678901'] } },
];

describe('CatalogDomain inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, props) => domain(app, props));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, props) => domain(app, props));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => domain(app, { domainName: 'a/b', associationTimeout: Duration.seconds(1), identityCenterInstanceArn: 'x' }));
    expect(message).toContain("'domainName' is 'a/b'");
    expect(message).toContain("'associationTimeout' is '1 seconds'");
    expect(message).toContain("'identityCenterInstanceArn' is 'x'");
  });

  test.each([
    { prop: 'name', value: '', expect: ['1-128 letters, digits, _, - and spaces', 'Rename the unit'] },
    { prop: 'name', value: 'u'.repeat(129), expect: ['1-128', 'Rename the unit'] },
    { prop: 'name', value: 'sales/eu', expect: ['letters, digits', 'Rename the unit'] },
  ])("addDomainUnit refuses '$prop' = '$value'", (row) => {
    expectRefused(row, (app, name) => domain(app, {}).addDomainUnit('Unit', { name }));
  });

  test('addDomainUnit accepts the longest name, 128 characters', () => {
    expectAccepted({ name: '128 characters', value: 'u'.repeat(128) }, (app, name) => domain(app, {}).addDomainUnit('Unit', { name }));
  });

  const SHARED: Array<InvalidRow<SharedCatalogDomainProps & { readonly region?: string }>> = [
    { prop: 'domainName', value: { domainName: ' ', governanceAccount: ACCOUNT }, shown: "' '", expect: ['not only spaces'] },
    { prop: 'governanceAccount', value: { domainName: 'mesh', governanceAccount: '1111' }, shown: "'1111'", expect: ['exactly 12 digits'] },
    { prop: 'encryptionKeyArn', value: { domainName: 'mesh', governanceAccount: ACCOUNT, encryptionKeyArn: 'arn:aws:kms:eu-west-1:111111111111:alias/mesh' }, shown: "'arn:aws:kms:eu-west-1:111111111111:alias/mesh'", expect: ['alias ARN cannot be granted', "Pass the key's ARN"] },
    { prop: 'region', value: { domainName: 'mesh', governanceAccount: ACCOUNT, region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region'] },
    { prop: 'region', value: { domainName: 'mesh', governanceAccount: ACCOUNT, region: undefined }, shown: 'a token (its value is known only at deploy)', expect: ['explicit Region', 'Give the stack an env'] },
  ];
  test.each(SHARED)("fromSharedDomain refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, { region, ...props }) => {
      const stack = new Stack(app, 'Member', { env: region === undefined ? undefined : { account: PRODUCER, region } });
      CatalogDomain.fromSharedDomain(stack, 'Domain', props);
    });
  });

  const ATTRIBUTES: Array<InvalidRow<Partial<CatalogDomainAttributes>>> = [
    { prop: 'domainId', value: { domainId: 'abc123' }, shown: "'abc123'", expect: ['dzd_abc123', "governance stack's outputs"] },
    { prop: 'governanceAccount', value: { governanceAccount: 'governance' }, shown: "'governance'", expect: ['exactly 12 digits'] },
    { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region'] },
  ];
  test.each(ATTRIBUTES)("fromCatalogDomainAttributes refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, attrs) => {
      CatalogDomain.fromCatalogDomainAttributes(testStack({}, app), 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'root', governanceAccount: ACCOUNT, ...attrs });
    });
  });
});
