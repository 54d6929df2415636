/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { CatalogDomain, ConsumerProjectProfile, ManagedBlueprint, MeshProjectOptions, MeshProjectProfileProps, ProducerProjectProfile } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';
import { ACCOUNT, testStack } from '../util';

const PRODUCER = '222222222222';
const CONSUMER = '333333333333';

function governance(app: App): { stack: Stack; domain: CatalogDomain } {
  const stack = testStack({}, app);
  return { stack, domain: new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: [PRODUCER, CONSUMER] }) };
}

function profile(app: App, props: Partial<MeshProjectProfileProps>): ProducerProjectProfile {
  const { stack, domain } = governance(app);
  return new ProducerProjectProfile(stack, 'ProducerProfile', { domain, profileName: 'producer-project-profile', account: PRODUCER, ...props });
}

function consumerProject(app: App, options: Partial<MeshProjectOptions>) {
  const { stack, domain } = governance(app);
  const consumer = new ConsumerProjectProfile(stack, 'ConsumerProfile', { domain, profileName: 'consumer-project-profile', account: CONSUMER });
  return consumer.addProject('Consumer', { projectName: 'Consumer', ...options });
}

/** The contract of the project profiles' props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Partial<MeshProjectProfileProps>>> = [
  { prop: 'profileName', value: { profileName: '' }, shown: "''", expect: ['1-64 letters, digits, _, - and spaces', 'Rename the profile'] },
  { prop: 'profileName', value: { profileName: 'p'.repeat(65) }, shown: `'${'p'.repeat(65)}'`, expect: ['1-64'] },
  { prop: 'profileName', value: { profileName: 'producer/profile' }, shown: "'producer/profile'", expect: ['letters, digits'] },
  { prop: 'account', value: { account: '2222' }, shown: "'2222'", expect: ['exactly 12 digits'] },
  { prop: 'account', value: { account: ACCOUNT }, shown: `'${ACCOUNT}'`, expect: ['governance account', "member account's id"] },
  { prop: 'region', value: { region: 'eu-west-9' }, shown: "'eu-west-9'", expect: ['not an AWS Region', 'eu-west-1'] },
  { prop: 'region', value: { region: 'EU-WEST-1' }, shown: "'EU-WEST-1'", expect: ['not an AWS Region', "Region's code"] },
  { prop: 'region', value: { region: 'us-east-1' }, shown: "'us-east-1'", expect: ["the domain's is eu-west-1", 'blueprints in eu-west-1'] },
];

const VALID: Array<ValidRow<Partial<MeshProjectProfileProps>>> = [
  { name: 'a profile name of 64 characters', value: { profileName: 'p'.repeat(64) } },
  { name: 'a profile name with spaces', value: { profileName: 'Producer project profile' } },
  { name: "the domain's own Region, given explicitly", value: { region: 'eu-west-1' } },
];

const INVALID_PROJECTS: Array<InvalidRow<Partial<MeshProjectOptions>>> = [
  { prop: 'projectName', value: { projectName: '' }, shown: "''", expect: ['1-64 letters, digits, _, - and spaces', 'Rename the project'] },
  { prop: 'projectName', value: { projectName: '   ' }, shown: "'   '", expect: ['not only spaces', 'Rename the project'] },
  { prop: 'projectName', value: { projectName: 'c'.repeat(65) }, shown: `'${'c'.repeat(65)}'`, expect: ['1-64'] },
  { prop: 'glueDatabaseName', value: { glueDatabaseName: 'Consumer-DB' }, shown: "'Consumer-DB'", expect: ['lower-case letters, digits and _', 'consumer_db'] },
];

describe('MeshProjectProfile inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, props) => profile(app, props));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, props) => profile(app, props));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => profile(app, { profileName: '', account: 'x', region: 'mars-1' }));
    expect(message).toContain("'profileName' is ''");
    expect(message).toContain("'account' is 'x'");
    expect(message).toContain("'region' is 'mars-1'");
  });

  test.each(INVALID_PROJECTS)("addProject refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, options) => consumerProject(app, options));
  });

  test('addProject accepts a project name of 64 characters', () => {
    expectAccepted({ name: '64 characters', value: 'c'.repeat(64) }, (app, projectName) => consumerProject(app, { projectName }));
  });

  test('addProject refuses a second project of the same name in the domain, naming both', () => {
    const message = refusal((app) => {
      const { stack, domain } = governance(app);
      new ProducerProjectProfile(stack, 'A', { domain, profileName: 'a', account: PRODUCER }).addProject('One', { projectName: 'Shared' });
      new ConsumerProjectProfile(stack, 'B', { domain, profileName: 'b', account: CONSUMER, blueprints: [ManagedBlueprint.DATA_LAKE] }).addProject('Two', { projectName: 'Shared' });
    });
    expect(message).toContain("'projectName' is 'Shared': a project name is unique in the domain, and project 'Shared' is already added at 'Test/A/One'");
    expect(message).toContain('Give one of the projects another name.');
    expect(message).not.toContain('SSM');
  });
});
