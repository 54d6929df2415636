/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { ManagedBlueprint, MeshMemberBaselineStackSet, MeshMemberBaselineStackSetProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

const PROPS: MeshMemberBaselineStackSetProps = {
  domainName: 'mesh',
  governanceAccount: '111111111111',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  organizationalUnitIds: ['ou-ab12-cdef3456'],
};

function baseline(app: App, props: Partial<MeshMemberBaselineStackSetProps>): void {
  const stack = new Stack(app, 'Management', { env: { account: '999999999999', region: 'eu-west-1' } });
  new MeshMemberBaselineStackSet(stack, 'MemberBaseline', { ...PROPS, ...props });
}

/** The contract of MeshMemberBaselineStackSet's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Partial<MeshMemberBaselineStackSetProps>>> = [
  { prop: 'governanceAccount', value: { governanceAccount: '1111' }, shown: "'1111'", expect: ['exactly 12 digits'] },
  { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region', 'eu-west-1, eu-west-2', 'e.g. eu-west-1'] },
  { prop: 'organizationalUnitIds', value: { organizationalUnitIds: [] }, shown: '[]', expect: ['at least one OU', "['ou-ab12-cdef3456']"] },
  { prop: 'organizationalUnitIds', value: { organizationalUnitIds: ['ou-AB12-cdef3456'] }, shown: '["ou-AB12-cdef3456"]', expect: ['lowercase letters or digits', 'list-organizational-units-for-parent'] },
  { prop: 'organizationalUnitIds', value: { organizationalUnitIds: ['ou-ab12-cdef3456', 'ou-ab12-cdef3456'] }, shown: '["ou-ab12-cdef3456","ou-ab12-cdef3456"]', expect: ['named once', 'Remove the duplicate'] },
  { prop: 'organizationalUnitIds', value: { organizationalUnitIds: ['r-ab12', 'ou-ab12-cdef3456'] }, shown: '["r-ab12","ou-ab12-cdef3456"]', expect: ['the root already holds every OU'] },
  { prop: 'stackSetName', value: { stackSetName: '1-baseline' }, shown: "'1-baseline'", expect: ['a letter, then up to 127', 'data-mesh-member-baseline'] },
  { prop: 'stackSetName', value: { stackSetName: `a${'b'.repeat(128)}` }, shown: `'a${'b'.repeat(128)}'`, expect: ['up to 127'] },
  { prop: 'domainName', value: { domainName: 'data mesh' }, shown: "'data mesh'", expect: ['<domainName>-member-baseline', "Pass a 'stackSetName'"] },
  { prop: 'maxConcurrentPercentage', value: { maxConcurrentPercentage: 0 }, shown: '0', expect: ['from 1 to 100', 'e.g. 25'] },
  { prop: 'maxConcurrentPercentage', value: { maxConcurrentPercentage: 12.5 }, shown: '12.5', expect: ['whole percentage'] },
  { prop: 'failureTolerancePercentage', value: { failureTolerancePercentage: 101 }, shown: '101', expect: ['from 0 to 100', 'e.g. 10'] },
  { prop: 'availabilityZones', value: { availabilityZones: ['eu-west-1a'] }, shown: '["eu-west-1a"]', expect: ['at least two distinct'] },
  { prop: 'cidr', value: { cidr: '10.0.0.0/8' }, shown: "'10.0.0.0/8'", expect: ['/16 to /27'] },
];

/** Valid edge values CloudFormation StackSets accept: they must synthesize. */
const VALID: Array<ValidRow<Partial<MeshMemberBaselineStackSetProps>>> = [
  { name: 'the Organization root alone', value: { organizationalUnitIds: ['r-ab12'] } },
  { name: 'a StackSet name of 128 characters', value: { stackSetName: `a${'b'.repeat(127)}`, failureTolerancePercentage: 0, maxConcurrentPercentage: 100 } },
  { name: 'a domain name with spaces and its own StackSet name', value: { domainName: 'data mesh', stackSetName: 'data-mesh-baseline' } },
];

describe('MeshMemberBaselineStackSet inputs', () => {
  test.each(INVALID)("refuses '$prop' = $shown", (row) => {
    expectRefused(row, baseline);
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, baseline);
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => baseline(app, { governanceAccount: 'x', region: 'mars-1', maxConcurrentPercentage: 0 }));
    expect(message).toContain("'governanceAccount' is 'x'");
    expect(message).toContain("'region' is 'mars-1'");
    expect(message).toContain("'maxConcurrentPercentage' is 0");
  });
});

describe('ManagedBlueprint inputs', () => {
  const INVALID_OF: Array<InvalidRow<string>> = [
    { prop: 'name', value: 'ML Experiments', expect: ['1-36 letters, digits, _ and -', "'MLExperiments'"] },
    { prop: 'name', value: '', expect: ['1-36'] },
    { prop: 'name', value: 'x'.repeat(37), expect: ['1-36'] },
    { prop: 'name', value: 'ML.Experiments', expect: ['1-36 letters, digits, _ and -'] },
  ];
  const VALID_OF: Array<ValidRow<string>> = [
    { name: 'a 36-character name', value: 'B'.repeat(36) },
    { name: 'a name with _ and -', value: 'ML_Experiments-2' },
    { name: 'a one-character name', value: 'M' },
    { name: 'a name that starts with a digit, _ or -', value: '_2-ml' },
  ];

  test.each(INVALID_OF)("refuses of() '$prop' = $value", (row) => {
    expectRefused(row, (app, name) => baseline(app, { blueprints: [ManagedBlueprint.TOOLING, ManagedBlueprint.of(name)] }));
  });

  test.each(VALID_OF)('accepts of() with $name', (row) => {
    expect(ManagedBlueprint.of(row.value).name).toBe(row.value);
  });
});
