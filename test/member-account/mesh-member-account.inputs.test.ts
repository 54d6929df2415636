/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { CatalogDomain, ManagedBlueprint, MeshMemberAccount, MeshMemberAccountProps, TwoAzPrivateVpc } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

const GOVERNANCE = '111111111111';
const PRODUCER = '222222222222';

/** Props by name; `governanceAccount` is the shared domain's, `networkElsewhere` defines the network in another stack. */
type Input = Partial<Omit<MeshMemberAccountProps, 'domain' | 'network'>> & { readonly governanceAccount?: string; readonly networkElsewhere?: boolean };

function member(app: App, input: Input): MeshMemberAccount {
  const { governanceAccount, networkElsewhere, ...props } = input;
  const stack = new Stack(app, 'Producer', { env: { account: PRODUCER, region: 'eu-west-1' } });
  const domain = CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: governanceAccount ?? GOVERNANCE });
  const networkStack = networkElsewhere ? new Stack(app, 'Network', { env: { account: PRODUCER, region: 'eu-west-1' } }) : stack;
  return new MeshMemberAccount(stack, 'Member', { domain, network: new TwoAzPrivateVpc(networkStack, 'Network'), ...props });
}

/** The contract of MeshMemberAccount's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Input>> = [
  { prop: 'blueprints', value: { blueprints: [ManagedBlueprint.DATA_LAKE] }, shown: '["DataLake"]', expect: ['Tooling must be enabled', 'Add ManagedBlueprint.TOOLING'] },
  { prop: 'blueprints', value: { blueprints: [ManagedBlueprint.TOOLING, ManagedBlueprint.TOOLING] }, shown: '["Tooling","Tooling"]', expect: ['enabled once', 'Remove the duplicate'] },
  { prop: 'domain', value: { governanceAccount: PRODUCER }, shown: `'${PRODUCER}'`, expect: ['governance account itself', 'producer or consumer account'] },
  { prop: 'network', value: { networkElsewhere: true }, shown: "'Network/Network'", expect: ['must be in this stack', 'Define the TwoAzPrivateVpc in this stack'] },
];

const VALID: Array<ValidRow<Input>> = [
  { name: 'Tooling alone (the default)', value: {} },
  { name: 'Tooling and DataLake', value: { blueprints: [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE] } },
  { name: 'no project member role', value: { createProjectMemberRole: false } },
];

describe('MeshMemberAccount inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, input) => member(app, input));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, input) => member(app, input));
  });

  test('reports every problem at once', () => {
    const blueprints = [ManagedBlueprint.DATA_LAKE, ManagedBlueprint.DATA_LAKE];
    const message = refusal((app) => member(app, { blueprints, governanceAccount: PRODUCER }));
    expect(message).toContain('Tooling must be enabled');
    expect(message).toContain('enabled once');
    expect(message).toContain("'domain' is '222222222222'");
  });
});
